namespace Incentives.Api.Domain;

/// <summary>A reimbursable MDF category (seed: events, digital, media); kept as data because the seed's table is cut off.</summary>
public sealed class MdfCategory
{
    public string Code { get; set; } = "";

    /// <summary><c>events</c>, <c>digital</c> or <c>media</c>.</summary>
    public string Group { get; set; } = "";

    public string Name { get; set; } = "";

    public bool Active { get; set; } = true;
}

/// <summary>A partner's MDF quota for a year, with what approvals have already reserved from it.</summary>
public sealed class MdfQuota
{
    public Guid PartnerId { get; set; }

    public int Year { get; set; }

    public decimal Amount { get; set; }

    public decimal ApprovedTotal { get; set; }

    public string Currency { get; set; } = "CNY";

    public string SetBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public decimal Remaining => Amount - ApprovedTotal;
}

/// <summary>
/// An application to use MDF quota for one marketing activity, with the partner's legal attestation:
/// <c>applied</c> → <c>approved</c> (amount reserved from the quota) or <c>rejected</c>. The approved activity is
/// active from its start date until its claim window closes.
/// </summary>
public sealed class MdfApplication
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string CategoryCode { get; set; } = "";

    public string Title { get; set; } = "";

    public DateOnly ActivityStart { get; set; }

    public DateOnly ActivityEnd { get; set; }

    public decimal RequestedAmount { get; set; }

    public decimal? ApprovedAmount { get; set; }

    /// <summary>What claims not rejected hold of the approved amount; never above it.</summary>
    public decimal ClaimedAmount { get; set; }

    public string Currency { get; set; } = "CNY";

    /// <summary>The text the partner attested to (the activity obeys the law; the partner and the persons involved bear the legal liability).</summary>
    public string Attestation { get; set; } = "";

    public DateTimeOffset AttestedAt { get; set; }

    public MdfApplicationStatus Status { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? Remark { get; set; }

    /// <summary>The last day a claim may be submitted: the activity's end plus the claim window (design).</summary>
    public DateOnly ClaimBy { get; set; }

    public List<MdfClaim> Claims { get; set; } = [];

    public MdfActivityStatus ActivityStatus(DateOnly today) =>
        Status != MdfApplicationStatus.Approved ? MdfActivityStatus.NotApproved
        : today < ActivityStart ? MdfActivityStatus.Upcoming
        : today > ClaimBy ? MdfActivityStatus.Expired
        : MdfActivityStatus.Active;
}

/// <summary>A reimbursement claim against an approved MDF application, with the invoices that cover it.</summary>
public sealed class MdfClaim
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid PartnerId { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public MdfClaimStatus Status { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? Remark { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public List<MdfInvoice> Invoices { get; set; } = [];
}

/// <summary>An invoice of an MDF claim; its number is used once per partner, so it never covers two claims.</summary>
public sealed class MdfInvoice
{
    public Guid Id { get; set; }

    public Guid ClaimId { get; set; }

    public Guid PartnerId { get; set; }

    public string InvoiceNumber { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public DateOnly IssuedOn { get; set; }
}
