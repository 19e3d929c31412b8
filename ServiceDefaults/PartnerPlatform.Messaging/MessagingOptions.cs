namespace PartnerPlatform.Messaging;

/// <summary>Settings of the configuration section <c>Messaging</c>; every one has a working default.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    private static readonly TimeSpan[] DefaultRetryIntervals =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    /// <summary>Waits between consumer attempts; after the last one the message goes to the <c>_error</c> queue.</summary>
    public TimeSpan[]? RetryIntervals { get; set; }

    /// <summary>Unacknowledged messages the broker hands each receive endpoint at once.</summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>Outbox rows one relay claims and publishes per round trip.</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>Fallback polling of the outbox when no notification arrives.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one batch may wait for the broker's confirms before its rows count as failed.</summary>
    public TimeSpan OutboxPublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause of the relay while the broker keeps failing (it doubles up to this).</summary>
    public TimeSpan OutboxMaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rows whose event cannot be read (unknown type, bad JSON) are retried after this pause.</summary>
    public TimeSpan OutboxParkDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sent outbox rows are deleted after this period.</summary>
    public TimeSpan OutboxSentRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Inbox rows are deleted after this period; it must outlast any redelivery of a message.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the relay deletes expired outbox and inbox rows.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The <c>outbox</c> health check reports degraded once its oldest unsent event has waited longer
    /// than this (the broker is away or the relay cannot keep up).
    /// </summary>
    public TimeSpan OutboxDegradedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of the event bus and outbox health checks.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal TimeSpan[] EffectiveRetryIntervals => RetryIntervals is { Length: > 0 } intervals ? intervals : DefaultRetryIntervals;
}
