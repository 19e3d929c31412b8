namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>What the dashboard shows of one resource.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    HealthStatus Health,
    int? Pid,
    int? Port,
    Uri? Url,
    int Restarts,
    double? UptimeSeconds,
    DateTimeOffset? StartedAt,
    int? ExitCode,
    string? Message,
    double? LastRestartDelaySeconds,
    IReadOnlyList<string> WaitsFor,
    IReadOnlyList<string> References,
    IReadOnlyList<NamedUrl> Urls,
    bool CanControl,
    long LastLogSequence);

public sealed record NamedUrl(string Name, Uri Url);

/// <summary>A demo login a service printed while seeding demo data.</summary>
public sealed record DemoAccount(string Service, string Login, string Password, string? Role);
