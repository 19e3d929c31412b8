namespace Incentives.Api.Domain;

/// <summary>
/// An NRE (one-time engineering fee) agreement of one solution, signed offline. The ecosystem manager (PDM)
/// uploads it and reviews it (<c>uploaded</c> → <c>reviewed</c>, or <c>returned</c> for a corrected upload); after
/// the review the partner applies for acceptance milestone by milestone in the agreement's order.
/// </summary>
public sealed class NreAgreement
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    /// <summary>One NRE per solution (design): unique.</summary>
    public Guid SolutionId { get; set; }

    public string SolutionName { get; set; } = "";

    /// <summary>Where the signed agreement's file is kept (a storage key or file name) and its SHA-256.</summary>
    public string DocumentReference { get; set; } = "";

    public string DocumentSha256 { get; set; } = "";

    public string Currency { get; set; } = "CNY";

    public decimal TotalAmount { get; set; }

    public NreAgreementStatus Status { get; set; }

    public string UploadedBy { get; set; } = "";

    public DateTimeOffset UploadedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewRemark { get; set; }

    public List<NreMilestone> Milestones { get; set; } = [];
}

/// <summary>A milestone of an NRE agreement: <c>pending</c> → <c>acceptance_applied</c> → <c>accepted</c> (or back to pending when refused).</summary>
public sealed class NreMilestone
{
    public Guid AgreementId { get; set; }

    /// <summary>1, 2, … in the agreement's order.</summary>
    public int Number { get; set; }

    public string Name { get; set; } = "";

    public decimal Amount { get; set; }

    public NreMilestoneStatus Status { get; set; }

    public List<string> Materials { get; set; } = [];

    public DateTimeOffset? AppliedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? Remark { get; set; }
}
