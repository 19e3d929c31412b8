using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;

namespace Opportunities.Api.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> deal)
    {
        deal.ToTable("deals");
        deal.Property(d => d.Id).ValueGeneratedNever();
        deal.Property(d => d.DealName).HasMaxLength(200);
        deal.Property(d => d.CustomerName).HasMaxLength(200);
        deal.Property(d => d.CustomerAccountName).HasMaxLength(200);
        deal.Property(d => d.CustomerKey).HasMaxLength(200);
        deal.Property(d => d.AccountManagerName).HasMaxLength(100);
        deal.Property(d => d.ProductCode).HasMaxLength(100);
        deal.Property(d => d.Currency).HasMaxLength(3);
        deal.HasIndex(d => new { d.CustomerKey, d.ProductCode, d.ProtectedUntil });
        deal.HasIndex(d => new { d.PartnerId, d.RegisteredAt });
    }
}
