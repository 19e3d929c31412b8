namespace Incentives.Api.Domain;

/// <summary>A partner's FH qualification on one track, with the signed agreement.</summary>
public sealed class FhEnrolment
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public FhTrack Track { get; set; }

    public EnrolmentStatus Status { get; set; }

    public DateTimeOffset AgreementSignedAt { get; set; }

    /// <summary>Vendor staff who enrolled (CCoE) or reviewed (lecturer fund) the partner.</summary>
    public string? DecidedBy { get; set; }

    public string? Remark { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ActiveFrom { get; set; }

    /// <summary>The last month whose list the generation handled for this enrolment (the generation's claim marker).</summary>
    public DateOnly? LastGeneratedMonth { get; set; }
}

/// <summary>A dedicated expert of a partner, maintained by vendor ops, with the monthly amount the incentive pays for them.</summary>
public sealed class FhStaff
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public FhTrack Track { get; set; }

    public string Name { get; set; } = "";

    public decimal MonthlyAmount { get; set; }

    public string Currency { get; set; } = "CNY";

    public DateOnly ActiveFrom { get; set; }

    public DateOnly? ActiveTo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool ActiveIn(DateOnly monthStart) =>
        ActiveFrom <= monthStart.AddMonths(1).AddDays(-1) && (ActiveTo is null || ActiveTo >= monthStart);
}

/// <summary>A project a dedicated person works on; one project is claimed by one dedicated person only.</summary>
public sealed class FhProject
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string Name { get; set; } = "";

    public Guid? StaffId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The monthly list of eligible staff and amounts of one partner, track and month.</summary>
public sealed class FhMonthlyList
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public FhTrack Track { get; set; }

    public DateOnly Month { get; set; }

    public MonthlyListStatus Status { get; set; }

    public int StaffCount { get; set; }

    public decimal TotalAmount { get; set; }

    public string Currency { get; set; } = "CNY";

    public DateTimeOffset GeneratedAt { get; set; }

    public DateTimeOffset VerifyBy { get; set; }

    public DateTimeOffset? VerifiedAt { get; set; }

    public List<string> Materials { get; set; } = [];

    public DateTimeOffset? ReviewedAt { get; set; }

    public string? ReviewedBy { get; set; }

    public string? ReviewRemark { get; set; }

    /// <summary><c>verification_expired</c> or <c>given_up</c> when void.</summary>
    public string? VoidReason { get; set; }

    public Guid? PaymentApplicationId { get; set; }

    public List<FhListLine> Lines { get; set; } = [];
}

public sealed class FhListLine
{
    public Guid ListId { get; set; }

    public Guid StaffId { get; set; }

    public string StaffName { get; set; } = "";

    public decimal Amount { get; set; }

    public List<Guid> ProjectIds { get; set; } = [];
}

/// <summary>The payment application of one partner's quarter: one per quarter, with the passed months' total.</summary>
public sealed class PaymentApplication
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public DateOnly Quarter { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public PaymentStatus Status { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset? InvoiceReceivedAt { get; set; }

    public DateTimeOffset? PayingAt { get; set; }

    /// <summary>Paid within 2 working days of the vendor's approval (design).</summary>
    public DateTimeOffset? PayBy { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public List<Invoice> Invoices { get; set; } = [];
}

/// <summary>An invoice the partner mailed; it covers exactly one payment application.</summary>
public sealed class Invoice
{
    public Guid Id { get; set; }

    public Guid PaymentApplicationId { get; set; }

    public Guid PartnerId { get; set; }

    public string InvoiceNumber { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "CNY";

    public DateOnly IssuedOn { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
