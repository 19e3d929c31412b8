using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class TestVoucherGrantConfiguration : IEntityTypeConfiguration<TestVoucherGrant>
{
    public void Configure(EntityTypeBuilder<TestVoucherGrant> grant)
    {
        grant.ToTable("test_voucher_grants");
        grant.HasKey(g => new { g.PartnerId, g.Role, g.Kind });
        grant.Property(g => g.Role).HasMaxLength(64);
        grant.Property(g => g.RequestedBy).HasMaxLength(64);
    }
}
