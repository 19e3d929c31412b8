using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public void Configure(EntityTypeBuilder<Quota> quota)
    {
        quota.ToTable("quotas", t =>
        {
            t.HasCheckConstraint("ck_quotas_remaining_amount", "remaining_amount >= 0");
            t.HasCheckConstraint("ck_quotas_validity", "expires_at > valid_from");
        });
        quota.Property(q => q.Id).ValueGeneratedNever();
        quota.Property(q => q.Currency).HasMaxLength(3);
        quota.Property(q => q.TotalAmount).HasColumnType(ColumnTypes.Money);
        quota.Property(q => q.RemainingAmount).HasColumnType(ColumnTypes.Money);
        quota.Property(q => q.MinOrderAmount).HasColumnType(ColumnTypes.Money);
        quota.Property(q => q.MaxOrderShare).HasColumnType("numeric(3,2)");
        quota.Property(q => q.GrantedBy).HasMaxLength(64);
        quota.Property(q => q.Remark).HasMaxLength(256);
        quota.Property(q => q.Version).IsRowVersion().HasColumnName("xmin");
        quota.HasIndex(q => new { q.PartnerId, q.CreatedAt });
        quota.HasIndex(q => q.SourceQuotaId);
        quota.HasIndex(q => new { q.DistributorPartnerId, q.PartnerId });
        quota.HasIndex(q => q.ExpiresAt).HasFilter("status <> 'invalid'");
    }
}

internal sealed class QuotaMovementConfiguration : IEntityTypeConfiguration<QuotaMovement>
{
    public void Configure(EntityTypeBuilder<QuotaMovement> movement)
    {
        movement.ToTable("quota_movements");
        movement.Property(m => m.Id).UseIdentityAlwaysColumn();
        movement.Property(m => m.Amount).HasColumnType(ColumnTypes.Money);
        movement.HasIndex(m => m.QuotaId);
    }
}
