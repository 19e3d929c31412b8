using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PartnerPlatform.Messaging;

/// <summary>The instruments of meter <c>PartnerPlatform.Messaging</c> and the activity source of the same name.</summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "PartnerPlatform.Messaging";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Histogram<double> _publishDuration;
    private readonly Histogram<double> _outboxLag;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Histogram<double> _consumerDuration;
    private readonly Counter<long> _duplicatesSkipped;
    private long _backlog;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "messaging.outbox.backlog", () => Volatile.Read(ref _backlog), "{message}",
            "Outbox rows not yet published, as last counted by the relay.");
        _publishDuration = meter.CreateHistogram<double>(
            "messaging.outbox.publish.duration", "s", "From handing an outbox event to the broker until its publisher confirm.");
        _outboxLag = meter.CreateHistogram<double>(
            "messaging.outbox.lag", "s", "From writing an outbox row until the broker confirmed it.");
        _published = meter.CreateCounter<long>("messaging.outbox.published", "{message}", "Outbox events confirmed by the broker.");
        _publishFailures = meter.CreateCounter<long>(
            "messaging.outbox.publish.failures", "{message}", "Outbox events whose publish failed (they stay in the outbox).");
        _consumerDuration = meter.CreateHistogram<double>(
            "messaging.consumer.duration", "s", "Consumer handling including its transaction, per attempt.");
        _duplicatesSkipped = meter.CreateCounter<long>(
            "messaging.inbox.duplicates_skipped", "{message}", "Deliveries acknowledged without effect because the inbox had them.");
    }

    internal void SetBacklog(long backlog) => Volatile.Write(ref _backlog, backlog);

    internal void Published(TimeSpan publishDuration, TimeSpan lag)
    {
        _published.Add(1);
        _publishDuration.Record(publishDuration.TotalSeconds);
        _outboxLag.Record(lag.TotalSeconds);
    }

    internal void PublishFailed(int count) => _publishFailures.Add(count);

    internal void Consumed(string consumer, string messageType, string outcome, TimeSpan duration) =>
        _consumerDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("consumer", consumer),
            new KeyValuePair<string, object?>("message_type", messageType),
            new KeyValuePair<string, object?>("outcome", outcome));

    internal void DuplicateSkipped(string consumer) =>
        _duplicatesSkipped.Add(1, new KeyValuePair<string, object?>("consumer", consumer));
}
