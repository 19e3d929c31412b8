namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner (tenant) registered with its main account.</summary>
public sealed record PartnerRegistered(Guid PartnerId, string CompanyName, string Region, DateTimeOffset OccurredAt);
