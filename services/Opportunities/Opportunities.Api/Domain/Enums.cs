namespace Opportunities.Api.Domain;

/// <summary>Where a PO (shared with the vendor) is in its review.</summary>
public enum OpportunityStatus
{
    Draft,
    Submitted,
    ChangesRequested,
    Approved,
    Rejected,
    ValidationExpired,
}

/// <summary>Sales progress of an approved PO or an accepted HO.</summary>
public enum Stage
{
    Qualified,
    SolutionValidation,
    BusinessNegotiation,
    Won,
    Delivered,
    Lost,
}

/// <summary>The seed's reasons for rejecting a PO.</summary>
public enum RejectionReason
{
    NoClearContact,
    NoClearBudgetOrTimeline,
    NoIncrementalRevenue,
    VagueDescription,
    CustomerDeniedOrPurchased,
    NoBudgetOrOrderDate,
    NotCloudRelated,
}

/// <summary>The parts of a PO a change request can open for editing.</summary>
public enum OpportunityPart
{
    Budget,
    DecisionMaker,
    Need,
    PurchasePlan,
    Customer,
    Contact,
    ExpectedRevenue,
    Solution,
    Consent,
}

/// <summary>What a history entry of a PO or HO records.</summary>
public enum HistoryKind
{
    Submitted,
    ChangesRequested,
    Resubmitted,
    Approved,
    Rejected,
    ValidationExpired,
    Progress,
    Assigned,
    Accepted,
    Declined,
    Recalled,
}

/// <summary>Where an HO (shared by the vendor) is.</summary>
public enum HandoverStatus
{
    PendingCommittee,
    CommitteeDeclined,
    Open,
    Assigned,
    Accepted,
    Rejected,
    Recalled,
}

/// <summary>The rule sets an HO's offering is chosen under, by solution type.</summary>
public enum OfferingRuleSet
{
    VendorLedBaseline,
    PartnerLedBaseline,
    Other,
}

public enum SolutionStatus
{
    Active,
    Retired,
}

public enum ProjectStatus
{
    Submitted,
    Approved,
    Returned,
}
