using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api;

/// <summary>
/// The service's own error codes, CBC.99002xxx (the generic CBC.01xx codes come from ServiceDefaults).
/// Listed in the README and served at <c>GET /v2/reference/error-codes</c>.
/// </summary>
public static class OpportunitiesErrors
{
    // Co-expansion plan.
    public static readonly ErrorCode NotInCoExpansionPlan = new(
        "CBC.99002001", 403, "Not in the co-expansion plan", "Only partners in the co-expansion plan (PCE) may share opportunities or accept the vendor's.");

    // PO drafts and plausibility.
    public static readonly ErrorCode DraftIncomplete = new(
        "CBC.99002010", 400, "Opportunity incomplete", "The budget, decision maker, need, purchase plan, customer or contact is missing.");

    public static readonly ErrorCode NotCloudRelated = new(
        "CBC.99002011", 400, "Not cloud related", "The opportunity must be a cloud business opportunity.");

    public static readonly ErrorCode NoCloudRevenue = new(
        "CBC.99002012", 400, "No cloud revenue", "The opportunity must drive cloud revenue: the expected incremental cloud revenue cannot be 0.");

    public static readonly ErrorCode CloudRevenueBelowMinimum = new(
        "CBC.99002013", 400, "Cloud revenue too small", "The expected incremental cloud revenue is below the minimum.");

    public static readonly ErrorCode NoPartnerSolution = new(
        "CBC.99002014", 400, "No partner solution", "The opportunity must be met with one of the partner's own active solutions.");

    public static readonly ErrorCode OpportunityReadOnly = new(
        "CBC.99002015", 409, "Opportunity read-only", "A submitted opportunity cannot be changed; after a change request only the listed fields can.");

    public static readonly ErrorCode FieldNotEditable = new(
        "CBC.99002016", 409, "Field not editable", "The vendor asked for changes to other fields only.");

    // Consent.
    public static readonly ErrorCode ConsentMissing = new(
        "CBC.99002020", 400, "Customer consent missing", "A prospect's consent (who confirmed, when, how) is required before sharing.");

    public static readonly ErrorCode CustomerAuthorisationMissing = new(
        "CBC.99002021", 400, "Customer authorisation missing", "The associated customer has not authorised sharing its data with the vendor (share_with_vendor).");

    public static readonly ErrorCode CustomerNotAssociated = new(
        "CBC.99002022", 400, "Customer not associated", "The customer is not actively associated with the partner.");

    // Review and progress.
    public static readonly ErrorCode UnknownRejectionReason = new(
        "CBC.99002030", 400, "Unknown rejection reason", "The rejection reason is not one of the listed reasons.");

    public static readonly ErrorCode ChangesNotListed = new(
        "CBC.99002031", 400, "No fields listed", "A change request lists the fields to change.");

    public static readonly ErrorCode StageNotAllowed = new(
        "CBC.99002032", 409, "Stage not allowed", "Progress moves forward through qualified, solution_validation, business_negotiation, won, delivered; lost ends it.");

    public static readonly ErrorCode LostReasonRequired = new(
        "CBC.99002033", 400, "Reason required", "A lost opportunity needs a reason.");

    // HO.
    public static readonly ErrorCode OfferingOutsideRuleSet = new(
        "CBC.99002040", 400, "Offering outside the rule set", "The offering is not allowed under the chosen rule set.");

    public static readonly ErrorCode HandoverPendingCommittee = new(
        "CBC.99002041", 409, "Pending committee", "The HO waits for the committee's decision.");

    public static readonly ErrorCode PartnerNotInPce = new(
        "CBC.99002042", 409, "Partner not in PCE", "The partner is not in the co-expansion plan.");

    public static readonly ErrorCode PartnerNoRecentPoActivity = new(
        "CBC.99002043", 409, "No recent PO activity", "The partner has not shared and updated opportunities in the last 90 days.");

    public static readonly ErrorCode PartnerPathStageTooLow = new(
        "CBC.99002044", 409, "Path stage too low", "The partner is neither capability_differentiated nor role_certified.");

    public static readonly ErrorCode PartnerTooFewDeliveredPos = new(
        "CBC.99002045", 409, "Too few delivered POs", "A role_certified partner needs at least 3 POs won and delivered in the last 12 months.");

    public static readonly ErrorCode RejectionReasonRequired = new(
        "CBC.99002046", 400, "Reason required", "Rejecting an HO needs a reason.");

    // Deals.
    public static readonly ErrorCode DealProtected = new(
        "CBC.99002050", 409, "Deal protected", "The customer and product are registered by another partner until the protection window ends.");

    public static readonly ErrorCode DealAlreadyRegistered = new(
        "CBC.99002051", 409, "Deal already registered", "You already registered this customer and product; the registration is still protected.");

    public static readonly ErrorCode ResellerCustomerNotChoosable = new(
        "CBC.99002052", 400, "Customer not choosable", "Only customers of your actively linked resellers can be chosen.");

    // Projects.
    public static readonly ErrorCode ProjectNotReturned = new(
        "CBC.99002060", 409, "Project not returned", "Only a project returned for changes can be changed and resubmitted.");

    // Working-day deadlines.
    public static readonly ErrorCode WorkingDayCalendarMissing = new(
        "CBC.99002070", 503, "Working-day calendar missing", "The deadline falls in a year the working-day calendar has no data for; nothing was changed. Try again once that year's calendar is loaded.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        NotInCoExpansionPlan, DraftIncomplete, NotCloudRelated, NoCloudRevenue, CloudRevenueBelowMinimum, NoPartnerSolution,
        OpportunityReadOnly, FieldNotEditable, ConsentMissing, CustomerAuthorisationMissing, CustomerNotAssociated,
        UnknownRejectionReason, ChangesNotListed, StageNotAllowed, LostReasonRequired, OfferingOutsideRuleSet,
        HandoverPendingCommittee, PartnerNotInPce, PartnerNoRecentPoActivity, PartnerPathStageTooLow, PartnerTooFewDeliveredPos,
        RejectionReasonRequired, DealProtected, DealAlreadyRegistered, ResellerCustomerNotChoosable, ProjectNotReturned,
        WorkingDayCalendarMissing,
    ];
}
