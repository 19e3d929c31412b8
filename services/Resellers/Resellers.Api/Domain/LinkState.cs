namespace Resellers.Api.Domain;

/// <summary>Where a distributor ↔ reseller link stands. Stored and served as snake_case (<c>vendor_approved</c>).</summary>
public enum LinkState
{
    /// <summary>The reseller applied naming the distributor; vendor staff review first.</summary>
    Applied,

    /// <summary>Vendor staff approved the application; the distributor reviews it now.</summary>
    VendorApproved,

    /// <summary>The distributor invited the reseller; the invitation is valid for 7 days.</summary>
    Invited,

    /// <summary>Linked: the distributor may act for the reseller.</summary>
    Active,

    /// <summary>Refused by vendor staff or the distributor, declined by the reseller, or the invitation expired (final).</summary>
    Rejected,

    /// <summary>Paused by vendor staff or the distributor; reinstating makes it active again.</summary>
    Suspended,

    /// <summary>Ended for good.</summary>
    Revoked,
}

/// <summary>How a link started.</summary>
public enum LinkOrigin
{
    Application,
    Invitation,

    /// <summary>An expired solution provider joined quickly: no vendor review, straight to the distributor.</summary>
    QuickJoin,
}
