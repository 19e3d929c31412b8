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
