namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner's business information (bank account, tax information) is certified; payments to it may proceed.</summary>
public sealed record PartnerBusinessInfoCertified(Guid PartnerId, DateTimeOffset OccurredAt);
