namespace Incentives.Api.Domain;

/// <summary>The FH tracks: the standard track, the invite-only CCoE capability track, the lecturer fund.</summary>
public enum FhTrack
{
    Standard,
    Ccoe,
    LecturerFund,
}

public enum EnrolmentStatus
{
    /// <summary>A lecturer-fund qualification application waiting for the vendor.</summary>
    PendingReview,
    Active,
    Rejected,
}

/// <summary>A monthly FH list: generated → verified by the partner → first review; or void.</summary>
public enum MonthlyListStatus
{
    AwaitingVerification,
    InFirstReview,
    Passed,
    Rejected,
    Void,
}

public enum PaymentStatus
{
    Applied,
    InvoiceReceived,
    Paying,
    Paid,
}

public enum StatementLineStatus
{
    Estimated,
    PendingConfirmation,
    Issuing,
    Issued,
    Lapsed,
}

public enum RegionScope
{
    China,
    Overseas,
    Global,
}

public enum SubsidyStatus
{
    Applied,
}

public enum MdfApplicationStatus
{
    Applied,
    Approved,
    Rejected,
}

/// <summary>Where an MDF activity stands on a given day (derived, not stored).</summary>
public enum MdfActivityStatus
{
    NotApproved,
    Upcoming,
    Active,
    Expired,
}

public enum MdfClaimStatus
{
    Submitted,
    Approved,
    Rejected,
    Paid,
}

public enum NreAgreementStatus
{
    Uploaded,
    Returned,
    Reviewed,
    Completed,
}

public enum NreMilestoneStatus
{
    Pending,
    AcceptanceApplied,
    Accepted,
}
