namespace PartnerPlatform.Contracts.SubscriptionFiles;

/// <summary>An export task finished; its anonymised file can be downloaded until <paramref name="ExpiresAt"/>.</summary>
public sealed record ExportCompleted(Guid ExportId, Guid PartnerId, string List, long RowCount, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);
