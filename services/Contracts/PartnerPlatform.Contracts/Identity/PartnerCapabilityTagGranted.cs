namespace PartnerPlatform.Contracts.Identity;

/// <summary>Vendor staff granted a partner a capability tag.</summary>
public sealed record PartnerCapabilityTagGranted(Guid PartnerId, string Tag, DateTimeOffset OccurredAt);
