using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Apis;

public sealed record SubscriptionView(
    Guid Id, IReadOnlyList<SubscribedContentView> Contents, BucketView Bucket, DateTimeOffset CreatedAt)
{
    public static SubscriptionView From(Subscription s) => new(
        s.Id,
        [.. s.Contents.OrderBy(c => c.Content).Select(c => new SubscribedContentView(Name(c.Content), SnakeCaseEnumConverter<Cadence>.NameOf(c.Cadence)))],
        new BucketView(SnakeCaseEnumConverter<BucketKind>.NameOf(s.BucketKind), s.BucketName, s.BucketPrefix),
        s.CreatedAt);

    private static string Name(Content content) => SnakeCaseEnumConverter<Content>.NameOf(content);
}

public sealed record SubscribedContentView(string Content, string Cadence);

public sealed record BucketView(string Kind, string Name, string Prefix);

public sealed record DeliveryView(
    Guid Id,
    Guid SubscriptionId,
    string Content,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset DeliverBy,
    string Status,
    DateTimeOffset? NextAttemptAt,
    int FailedAttempts,
    int Runs,
    int FileCount,
    long RowCount,
    string? ManifestKey,
    string? LastError,
    DateTimeOffset? DeliveredAt)
{
    public static DeliveryView From(Delivery d) => new(
        d.Id, d.SubscriptionId, SnakeCaseEnumConverter<Content>.NameOf(d.Content), d.Period, d.PeriodStart, d.PeriodEnd, d.DeliverBy,
        SnakeCaseEnumConverter<DeliveryStatus>.NameOf(d.Status), d.NextAttemptAt, d.FailedAttempts, d.Runs, d.FileCount, d.RowCount, d.ManifestKey,
        d.LastError, d.DeliveredAt);
}

/// <summary>An export record; <c>download_url</c> works until <c>expires_at</c>.</summary>
public sealed record ExportView(
    Guid Id, string List, string Status, long RowCount, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ExpiresAt,
    string? FileName, string? DownloadUrl, string? Error)
{
    public static ExportView From(Export e, DateTimeOffset now) => new(
        e.Id, SnakeCaseEnumConverter<ExportList>.NameOf(e.List), SnakeCaseEnumConverter<ExportStatus>.NameOf(e.Status), e.RowCount, e.RequestedAt,
        e.CompletedAt, e.ExpiresAt, e.FileName,
        e.Status == ExportStatus.Completed && e.ExpiresAt > now ? $"/v2/partners/exports/{e.Id}/file" : null,
        e.Error);
}

/// <summary>A webhook endpoint; <c>state</c> is active, paused (with <c>paused_reason</c>) or disabled. The secret is shown only on creation and rotation.</summary>
public sealed record WebhookEndpointView(
    Guid Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string State,
    DateTimeOffset? PausedAt,
    string? PausedReason,
    int ConsecutiveFailedDeliveries,
    DateTimeOffset? SecretRotatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret = null)
{
    public static WebhookEndpointView From(WebhookEndpoint e, bool withSecret = false) => new(
        e.Id, e.Url, e.Description, e.EventTypes, e.Enabled, SnakeCaseEnumConverter<WebhookEndpointState>.NameOf(e.State), e.PausedAt, e.PausedReason,
        e.ConsecutiveFailedDeliveries, e.SecretRotatedAt, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt, withSecret ? e.Secret : null);
}

public sealed record WebhookEventTypeView(string Name, string Publisher, string Description);

public sealed record WebhookDeliveryView(
    Guid Id,
    Guid WebhookId,
    Guid EventId,
    string EventType,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    int? LastStatusCode,
    string? LastError,
    Guid? ReplayOf,
    IReadOnlyList<WebhookAttemptView>? AttemptLog = null)
{
    public static WebhookDeliveryView From(WebhookDelivery d, IReadOnlyList<WebhookAttempt>? attempts = null) => new(
        d.Id, d.EndpointId, d.EventId, d.EventType, SnakeCaseEnumConverter<WebhookDeliveryStatus>.NameOf(d.Status), d.Attempts,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.CreatedAt, d.DeliveredAt, d.LastStatusCode, d.LastError, d.ReplayOf,
        attempts?.Select(WebhookAttemptView.From).ToList());
}

public sealed record WebhookAttemptView(
    int Number, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, bool Succeeded, string? ResponseExcerpt, string? Error)
{
    public static WebhookAttemptView From(WebhookAttempt a) => new(a.Number, a.AttemptedAt, a.StatusCode, a.DurationMs, a.Succeeded, a.ResponseExcerpt, a.Error);
}

public sealed record WebhookAuditView(long Id, Guid WebhookId, string Action, string Actor, DateTimeOffset At, string? Detail)
{
    public static WebhookAuditView From(WebhookAuditEntry e) => new(e.Id, e.EndpointId, e.Action, e.Actor, e.At, e.Detail);
}
