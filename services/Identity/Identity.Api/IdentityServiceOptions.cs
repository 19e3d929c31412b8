namespace Identity.Api;

/// <summary>The configuration section <c>Identity</c>.</summary>
public sealed class IdentityServiceOptions
{
    public const string SectionName = "Identity";

    /// <summary>The vendor administrator created at start when absent (<c>Identity:VendorAdmin:UserName</c>/<c>Password</c>).</summary>
    public VendorAdminOptions VendorAdmin { get; set; } = new();

    /// <summary>Failed sign-ins before an account locks (<c>Identity:Lockout:MaxFailedAttempts</c>).</summary>
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Customer accounts one mobile number may carry (beyond it: CBC.99000030).</summary>
    public int MaxAccountsPerMobile { get; set; } = 5;

    /// <summary>How long create-customer waits for the association when <c>include_association_result</c> is true.</summary>
    public TimeSpan AssociationResultWait { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class VendorAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
