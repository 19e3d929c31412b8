namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A partner joined a programme: <c>solution_provider</c>, <c>distributor</c>, <c>cloud_reseller</c> or
/// <c>gov_subsidy</c>. <see cref="ExpiresAt"/> is null for a membership without an end date.
/// </summary>
public sealed record PartnerProgrammeJoined(Guid PartnerId, string Programme, DateTimeOffset? ExpiresAt, DateTimeOffset OccurredAt);
