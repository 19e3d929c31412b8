namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// Vendor staff moved a partner along the development path:
/// <c>registered</c>, <c>role_certified</c>, <c>capability_differentiated</c>.
/// </summary>
public sealed record PartnerPathStageChanged(Guid PartnerId, string PreviousStage, string Stage, DateTimeOffset OccurredAt);
