namespace Coupons.Api.Domain;

/// <summary>What a quota hands out (JSON and database: snake_case).</summary>
public enum QuotaType
{
    Voucher,
    CashCoupon,
    PickupVoucher,
}

/// <summary>
/// <c>normal</c> (issuable), <c>invalid</c> (expired or cancelled; final), <c>adjusting</c> (visible,
/// cannot issue), <c>frozen</c> (cannot issue or grant).
/// </summary>
public enum QuotaStatus
{
    Normal,
    Invalid,
    Adjusting,
    Frozen,
}

/// <summary><c>available</c> → <c>used</c> | <c>expired</c> | <c>recalled</c>.</summary>
public enum CouponStatus
{
    Available,
    Used,
    Expired,
    Recalled,
}

/// <summary>Where a coupon came from.</summary>
public enum CouponSource
{
    /// <summary>A partner issued it to a customer out of a quota.</summary>
    PartnerIssue,

    /// <summary>The vendor granted it to a partner as a role test voucher (either kind).</summary>
    RoleTestVoucher,
}

/// <summary>
/// The two role test vouchers: <c>role_certification</c> for a partner on the consulting and
/// system-integration path with a role certification, <c>role_selection</c> for any partner on that path.
/// </summary>
public enum TestVoucherKind
{
    RoleCertification,
    RoleSelection,
}

/// <summary>A row of a coupon's balance history.</summary>
public enum CouponLedgerKind
{
    Issued,
    Redeemed,
    Recalled,
    Expired,
}

/// <summary>A row of a quota's remaining-amount history.</summary>
public enum QuotaMovementKind
{
    /// <summary>The quota was created with its amount.</summary>
    Granted,

    /// <summary>A coupon was issued out of it.</summary>
    Issued,

    /// <summary>A recalled coupon amount came back.</summary>
    RecallReturned,

    /// <summary>A distributor carved a reseller's quota out of it.</summary>
    GrantedOut,

    /// <summary>A reclaimed reseller quota came back into it.</summary>
    ReclaimedIn,

    /// <summary>The distributor reclaimed this (reseller) quota.</summary>
    ReclaimedOut,
}

/// <summary>What an operation record is about.</summary>
public enum OperationType
{
    QuotaGranted,
    QuotaReclaimed,
    QuotaStatusChanged,
    CouponIssued,
    CouponRecalled,
    WhitelistImported,
    TestVoucherGranted,
}

/// <summary>Who performed an operation.</summary>
public enum OperatorKind
{
    Partner,
    VendorStaff,
    System,
}
