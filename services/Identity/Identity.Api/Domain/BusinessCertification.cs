namespace Identity.Api.Domain;

/// <summary>
/// A partner's business-information certification (商业信息认证): bank account and tax information.
/// When the bank information conflicts with what the vendor already holds for the supplier, it
/// needs a bank letter reviewed by vendor staff.
/// </summary>
public sealed class BusinessCertification
{
    public Guid PartnerId { get; init; }

    public BusinessCertificationStatus Status { get; set; }

    public required string BankName { get; set; }

    public required string BankAccountName { get; set; }

    public required string BankAccountNumber { get; set; }

    public required string TaxId { get; set; }

    public string? BankLetterReference { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the manual review of the bank letter is due (5 working days).</summary>
    public DateTimeOffset? ReviewDueBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public string? ReviewNote { get; set; }

    public DateTimeOffset? CertifiedAt { get; set; }

    public uint Version { get; set; }
}

public enum BusinessCertificationStatus
{
    Certified,
    /// <summary>The bank information conflicts with the vendor's supplier record: upload a bank letter.</summary>
    BankLetterRequired,
    PendingReview,
    Rejected,
}

/// <summary>Bank information the vendor already holds for a supplier, by tax id (recorded by vendor staff).</summary>
public sealed class SupplierRecord
{
    public required string TaxId { get; init; }

    public required string BankAccountNumber { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid RecordedBy { get; set; }
}
