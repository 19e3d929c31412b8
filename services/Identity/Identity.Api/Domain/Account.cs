using Microsoft.AspNetCore.Identity;

namespace Identity.Api.Domain;

/// <summary>
/// A login: a partner's main account, an org member, vendor staff or a customer. The user name is
/// the login name (for customers, their account name).
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public AccountKind Kind { get; set; }

    /// <summary>The partner a main account or member belongs to.</summary>
    public Guid? PartnerId { get; set; }

    /// <summary>The customer a customer login belongs to.</summary>
    public Guid? CustomerId { get; set; }

    public VendorRole? VendorRole { get; set; }

    public string? DisplayName { get; set; }

    public string? Region { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account that created this one (null for self-registration and the seeded administrator).</summary>
    public Guid? CreatedBy { get; set; }

    public DateTimeOffset? PasswordChangedAt { get; set; }
}

public enum AccountKind
{
    PartnerAdmin,
    Member,
    VendorStaff,
    Customer,
}

/// <summary>Roles of the vendor's own staff.</summary>
public enum VendorRole
{
    /// <summary>Operates the platform, creates other staff accounts.</summary>
    Admin,
    EcosystemManager,
    Pdm,
    Psm,
    Ops,
}
