namespace PartnerPlatform.Contracts.Identity;

/// <summary>
/// Vendor staff made a staff account the partner's ecosystem manager (PDM), replacing
/// <c>PreviousStaffAccountId</c> when there was one.
/// </summary>
public sealed record PartnerEcosystemManagerAssigned(
    Guid PartnerId, Guid StaffAccountId, Guid? PreviousStaffAccountId, Guid AssignedBy, DateTimeOffset OccurredAt);
