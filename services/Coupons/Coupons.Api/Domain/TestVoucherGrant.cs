namespace Coupons.Api.Domain;

/// <summary>The role test voucher a partner received for one role certification (one per role).</summary>
public sealed class TestVoucherGrant
{
    public Guid PartnerId { get; init; }

    public required string Role { get; init; }

    public Guid CouponId { get; init; }

    public string? RequestedBy { get; init; }

    public DateTimeOffset GrantedAt { get; init; }
}
