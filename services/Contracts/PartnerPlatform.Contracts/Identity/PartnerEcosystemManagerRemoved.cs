namespace PartnerPlatform.Contracts.Identity;

/// <summary>Vendor staff removed the partner's ecosystem manager (PDM); the partner has none until one is assigned.</summary>
public sealed record PartnerEcosystemManagerRemoved(Guid PartnerId, Guid StaffAccountId, Guid RemovedBy, DateTimeOffset OccurredAt);
