using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api;

/// <summary>
/// The service's own error codes (the generic CBC.01xx codes come from ServiceDefaults). Seed codes
/// keep their numbers; codes of this service are CBC.99006xxx. Listed in the README and served at
/// <c>GET /v2/reference/error-codes</c>.
/// </summary>
public static class CouponsErrors
{
    // Seed codes.
    public static readonly ErrorCode ProductOutsideQuota = new(
        "CBC.50000054", 400, "Product not allowed", "A product is unknown or outside the quota's products.");

    public static readonly ErrorCode CloudServiceTypeOutsideQuota = new(
        "CBC.50000055", 400, "Cloud service type not allowed", "A cloud service type is unknown or outside the quota's service types.");

    public static readonly ErrorCode RecallNotForReferralCustomer = new(
        "CBC.99000045", 400, "Referral customer", "Coupons of referral-type customers cannot be recalled.");

    public static readonly ErrorCode CouponExpiredOrRecalled = new(
        "CBC.99000048", 400, "Coupon expired or recalled", "The coupon has expired or has been recalled.");

    // Quotas.
    public static readonly ErrorCode QuotaNotUsable = new(
        "CBC.99006001", 409, "Quota not usable", "The quota is not in the normal status or outside its validity period.");

    public static readonly ErrorCode QuotaInsufficient = new(
        "CBC.99006003", 409, "Quota insufficient", "The quota's remaining amount does not cover the coupon.");

    public static readonly ErrorCode ResellerNotLinked = new(
        "CBC.99006004", 403, "Reseller not linked", "The reseller is not actively linked to the distributor.");

    public static readonly ErrorCode QuotaNotReclaimable = new(
        "CBC.99006005", 409, "Quota not reclaimable", "The quota was already reclaimed or cancelled, or has expired.");

    public static readonly ErrorCode PartnerNotEligible = new(
        "CBC.99006006", 400, "Partner not eligible", "Quotas are granted to solution providers, distributors and gov-subsidy partners only.");

    // Issuing.
    public static readonly ErrorCode CustomerNotAssociated = new(
        "CBC.99006010", 400, "Customer not associated", "The customer is not associated with the partner.");

    public static readonly ErrorCode CustomerNotResellerType = new(
        "CBC.99006011", 400, "Not a reseller-type customer", "Coupons are issued to reseller-type customers only.");

    public static readonly ErrorCode CustomerNotWhitelisted = new(
        "CBC.99006012", 400, "Customer not on the whitelist", "Cash coupons and pickup vouchers are issued to whitelisted customers only.");

    public static readonly ErrorCode RestrictionOutsideQuota = new(
        "CBC.99006013", 400, "Restriction outside the quota", "A restriction or the validity period is wider than the quota's.");

    // Coupons.
    public static readonly ErrorCode CouponUsed = new(
        "CBC.99006020", 409, "Coupon used", "The coupon has been used up.");

    public static readonly ErrorCode AmountExceedsBalance = new(
        "CBC.99006021", 400, "Amount exceeds balance", "The amount exceeds the coupon's balance.");

    // Redemption.
    public static readonly ErrorCode OrderAlreadyRedeemed = new(
        "CBC.99006030", 409, "Order already used a coupon", "The order has already been paid with another coupon: one coupon per order.");

    public static readonly ErrorCode OrderBelowMinimum = new(
        "CBC.99006031", 400, "Order below minimum", "The order amount is below the coupon's minimum order amount.");

    public static readonly ErrorCode CouponNotYetValid = new(
        "CBC.99006032", 409, "Coupon not yet valid", "The coupon's validity period has not started.");

    public static readonly ErrorCode OrderOutsideRestrictions = new(
        "CBC.99006033", 400, "Order outside restrictions", "The order's service type, product, billing mode or region is outside the coupon's restrictions.");

    public static readonly ErrorCode CurrencyMismatch = new(
        "CBC.99006034", 400, "Currency mismatch", "The order's currency differs from the coupon's.");

    public static readonly ErrorCode NothingToDeduct = new(
        "CBC.99006035", 409, "Nothing to deduct", "The coupon's share of this order is less than one cent.");

    // Role test vouchers.
    public static readonly ErrorCode SubCustomerCannotRequest = new(
        "CBC.99006040", 403, "Sub-customer account", "Sub-customer accounts cannot request test vouchers online; contact your ecosystem manager.");

    public static readonly ErrorCode NotRoleCertified = new(
        "CBC.99006041", 403, "Not role certified", "Role certification test vouchers are for partners on the consulting and system-integration path with a role certification.");

    public static readonly ErrorCode TestVoucherAlreadyGranted = new(
        "CBC.99006042", 409, "Test voucher already granted", "The test voucher of this kind was already granted for this role.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        ProductOutsideQuota, CloudServiceTypeOutsideQuota, RecallNotForReferralCustomer, CouponExpiredOrRecalled,
        QuotaNotUsable, QuotaInsufficient, ResellerNotLinked, QuotaNotReclaimable, PartnerNotEligible,
        CustomerNotAssociated, CustomerNotResellerType, CustomerNotWhitelisted, RestrictionOutsideQuota,
        CouponUsed, AmountExceedsBalance,
        OrderAlreadyRedeemed, OrderBelowMinimum, CouponNotYetValid, OrderOutsideRestrictions, CurrencyMismatch, NothingToDeduct,
        SubCustomerCannotRequest, NotRoleCertified, TestVoucherAlreadyGranted,
    ];
}
