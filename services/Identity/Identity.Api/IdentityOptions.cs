namespace Identity.Api;

/// <summary>The configuration section <c>Identity</c>.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The vendor administrator created at start when absent (<c>Identity:VendorAdmin:UserName</c>/<c>Password</c>).</summary>
    public VendorAdminOptions VendorAdmin { get; set; } = new();

    /// <summary>The demo data of <c>--seed-demo-data</c> (<c>Identity:DemoData:Password</c>, <c>WaitTimeout</c>).</summary>
    public DemoDataOptions DemoData { get; set; } = new();

    /// <summary>Token lifetimes and the signing keys' schedule (<c>Identity:Tokens:*</c>).</summary>
    public Infrastructure.Tokens.TokenOptions Tokens { get; set; } = new();

    /// <summary>Failed sign-ins before an account locks (<c>Identity:Lockout:MaxFailedAttempts</c>).</summary>
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Customer accounts one mobile number may carry (beyond it: CBC.99000030).</summary>
    public int MaxAccountsPerMobile { get; set; } = 5;

    /// <summary>How long a pre-registered customer is protected against other partners.</summary>
    public TimeSpan ProspectProtection { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Pending (registered or invited, still protected) pre-registrations one partner may hold.</summary>
    public int MaxPendingProspects { get; set; } = 100;

    /// <summary>How long an online invitation link is valid.</summary>
    public TimeSpan OnlineInvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Months between two disassociations of one customer.</summary>
    public int DisassociationCooldownMonths { get; set; } = 3;

    /// <summary>A balance under this raises a low-balance warning.</summary>
    public decimal LowBalanceThreshold { get; set; } = 100m;

    /// <summary>Resources expiring within this period raise a warning.</summary>
    public TimeSpan ResourcesExpiringWithin { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the warning job wakes up to see whether today's refresh is due.</summary>
    public TimeSpan WarningRefreshCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a self-joined programme membership lasts before it expires.</summary>
    public TimeSpan ProgrammeTerm { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the programme expiry sweeper looks for memberships past their end.</summary>
    public TimeSpan ProgrammeExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a member invitation link is valid.</summary>
    public TimeSpan MemberInvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Invitations one administrator may send per day.</summary>
    public int MemberInvitationsPerDay { get; set; } = 100;

    /// <summary>Working days vendor staff have to review a bank letter.</summary>
    public int BankLetterReviewWorkingDays { get; set; } = 5;

    /// <summary>The documents a customer accepts to join a partner through a link (<c>Identity:Consent:*</c>).</summary>
    public ConsentOptions Consent { get; set; } = new();

    /// <summary>How long create-customer waits for the association when <c>include_association_result</c> is true.</summary>
    public TimeSpan AssociationResultWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>SAML single sign-on, the platform as service provider (<c>Identity:Saml:*</c>, ADR 0042).</summary>
    public Application.Sso.SamlOptions Saml { get; set; } = new();
}

public sealed class VendorAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

public sealed class DemoDataOptions
{
    /// <summary>The password of every demo account (no password lives in code).</summary>
    public string? Password { get; set; }

    /// <summary>How long the seeder waits for the demo customers' associations.</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The versions of the user agreement, the privacy policy and the account-data transfer, each with
/// the date it comes into force (the latest version in force is the one a customer must accept),
/// and the account data items the transfer covers.
/// </summary>
public sealed class ConsentOptions
{
    public List<ConsentDocumentVersion> Documents { get; set; } = [];

    public List<string> TransferredData { get; set; } = [];
}

public sealed class ConsentDocumentVersion
{
    public Domain.ConsentDocumentKind Kind { get; set; }

    public string Version { get; set; } = "";

    public DateTimeOffset EffectiveFrom { get; set; }
}
