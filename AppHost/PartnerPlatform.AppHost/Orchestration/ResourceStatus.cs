namespace PartnerPlatform.AppHost.Orchestration;

public enum ResourceState
{
    Waiting,
    Building,
    Migrating,
    Starting,
    Running,
    Restarting,
    Stopping,
    Stopped,
    Failed,
}

public enum HealthStatus
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>One consistent set of a resource's runtime facts.</summary>
internal sealed record StatusValues(
    ResourceState State,
    HealthStatus Health,
    int? Pid,
    int Restarts,
    DateTimeOffset? StartedAt,
    int? ExitCode,
    string? Message,
    TimeSpan? LastRestartDelay)
{
    public static StatusValues Initial { get; } = new(ResourceState.Waiting, HealthStatus.Unknown, null, 0, null, null, null, null);
}

/// <summary>A resource's runtime facts, replaced as a whole so readers never see a half-updated set.</summary>
internal sealed class ResourceStatus
{
    private readonly Lock _lock = new();
    private StatusValues _values = StatusValues.Initial;

    public StatusValues Current
    {
        get
        {
            lock (_lock)
            {
                return _values;
            }
        }
    }

    public StatusValues Update(Func<StatusValues, StatusValues> change)
    {
        lock (_lock)
        {
            _values = change(_values);
            return _values;
        }
    }

    public bool IsHealthy => Current is { State: ResourceState.Running, Health: HealthStatus.Healthy };
}
