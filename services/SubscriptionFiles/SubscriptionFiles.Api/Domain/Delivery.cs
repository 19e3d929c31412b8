namespace SubscriptionFiles.Api.Domain;

/// <summary>The files of one content for one period into one partner's bucket; one row per (partner, content, period).</summary>
public sealed class Delivery
{
    /// <summary>Version of the files' columns, written into every manifest.</summary>
    public const int SchemaVersion = 1;

    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid PartnerId { get; set; }

    public Content Content { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    public DateTimeOffset PeriodEnd { get; set; }

    public string Period { get; set; } = "";

    public DateTimeOffset DeliverBy { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>When the sweeper runs it next (null once delivered or failed).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Failed attempts since it was last scheduled.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Successful runs (a re-delivery adds one).</summary>
    public int Runs { get; set; }

    public int FileCount { get; set; }

    public long RowCount { get; set; }

    public string? ManifestKey { get; set; }

    /// <summary>The manifest exactly as written to the bucket.</summary>
    public string? Manifest { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DeliveryPeriod PeriodRange => new(PeriodStart, PeriodEnd);

    /// <summary>A delivery cancelled by an unsubscription is scheduled again when its content is subscribed again.</summary>
    public void Reschedule(Subscription subscription)
    {
        SubscriptionId = subscription.Id;
        Status = DeliveryStatus.Pending;
        NextAttemptAt = PeriodEnd;
        FailedAttempts = 0;
    }

    public static Delivery Schedule(Subscription subscription, Content content, DeliveryPeriod period, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SubscriptionId = subscription.Id,
        PartnerId = subscription.PartnerId,
        Content = content,
        PeriodStart = period.Start,
        PeriodEnd = period.End,
        Period = period.Label,
        DeliverBy = DeliverySchedule.DeliverBy(period),
        Status = DeliveryStatus.Pending,
        NextAttemptAt = period.End,
        CreatedAt = now,
    };
}
