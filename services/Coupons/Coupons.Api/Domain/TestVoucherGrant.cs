namespace Coupons.Api.Domain;

/// <summary>A role test voucher a partner received: one per role and kind.</summary>
public sealed class TestVoucherGrant
{
    public Guid PartnerId { get; init; }

    public required string Role { get; init; }

    public TestVoucherKind Kind { get; init; }

    public Guid CouponId { get; init; }

    public string? RequestedBy { get; init; }

    public DateTimeOffset GrantedAt { get; init; }
}
