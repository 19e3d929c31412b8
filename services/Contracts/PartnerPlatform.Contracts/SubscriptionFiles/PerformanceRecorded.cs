namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>
/// A partner's performance figure for a period (e.g. <c>sales_revenue</c> for <c>2026-11</c>) from the
/// vendor's sales side. The suite does not own it: subscription-files-api's demo stream generator
/// publishes these.
/// </summary>
public sealed record PerformanceRecorded(
    Guid RecordId, Guid PartnerId, string Period, string Metric, decimal Value, string Currency, DateTimeOffset OccurredAt);
