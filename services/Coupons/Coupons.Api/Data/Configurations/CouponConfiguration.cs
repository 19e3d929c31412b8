using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> coupon)
    {
        coupon.ToTable("coupons", t =>
        {
            t.HasCheckConstraint("ck_coupons_balance", "balance >= 0 AND balance <= face_value");
        });
        coupon.Property(c => c.Id).ValueGeneratedNever();
        coupon.Property(c => c.Currency).HasMaxLength(3);
        coupon.Property(c => c.FaceValue).HasColumnType(ColumnTypes.Money);
        coupon.Property(c => c.Balance).HasColumnType(ColumnTypes.Money);
        coupon.Property(c => c.MinOrderAmount).HasColumnType(ColumnTypes.Money);
        coupon.Property(c => c.MaxOrderShare).HasColumnType("numeric(3,2)");
        coupon.Property(c => c.IssuedBy).HasMaxLength(64);
        coupon.Property(c => c.Remark).HasMaxLength(256);
        coupon.HasIndex(c => new { c.IssuerPartnerId, c.IssuedAt });
        coupon.HasIndex(c => new { c.IndirectPartnerId, c.IssuedAt });
        coupon.HasIndex(c => new { c.CustomerId, c.IssuedAt });
        coupon.HasIndex(c => c.QuotaId);
        coupon.HasIndex(c => c.ExpiresAt).HasFilter("status = 'available'");
    }
}

internal sealed class CouponLedgerEntryConfiguration : IEntityTypeConfiguration<CouponLedgerEntry>
{
    public void Configure(EntityTypeBuilder<CouponLedgerEntry> entry)
    {
        entry.ToTable("coupon_ledger_entries");
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Amount).HasColumnType(ColumnTypes.Money);
        entry.Property(e => e.BalanceAfter).HasColumnType(ColumnTypes.Money);
        entry.Property(e => e.OrderId).HasMaxLength(64);
        entry.HasIndex(e => e.CouponId);
    }
}

internal sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> redemption)
    {
        redemption.ToTable("redemptions");
        redemption.Property(r => r.Id).ValueGeneratedNever();
        redemption.Property(r => r.OrderId).HasMaxLength(64);
        redemption.Property(r => r.OrderAmount).HasColumnType(ColumnTypes.Money);
        redemption.Property(r => r.DeductedAmount).HasColumnType(ColumnTypes.Money);
        redemption.Property(r => r.BalanceAfter).HasColumnType(ColumnTypes.Money);
        redemption.Property(r => r.Currency).HasMaxLength(3);
        redemption.Property(r => r.RedeemedBy).HasMaxLength(64);
        redemption.HasIndex(r => r.OrderId).IsUnique();
        redemption.HasIndex(r => r.CouponId);
    }
}
