namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// A partner joined the co-expansion plan (PCE), which lets it share and receive opportunities.
/// (The spec's <c>PartnerJoinedCoExpansionPlan</c>, named with the verb last like every event.)
/// </summary>
public sealed record PartnerCoExpansionPlanJoined(Guid PartnerId, DateTimeOffset OccurredAt);
