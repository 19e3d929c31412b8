namespace PartnerPlatform.Contracts.Identity;

/// <summary>A partner's membership in a programme ended (its end date passed or vendor staff ended it).</summary>
public sealed record PartnerProgrammeExpired(Guid PartnerId, string Programme, DateTimeOffset OccurredAt);
