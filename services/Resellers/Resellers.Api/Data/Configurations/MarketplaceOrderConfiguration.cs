using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Resellers.Api.Domain;

namespace Resellers.Api.Data.Configurations;

internal sealed class MarketplaceOrderConfiguration : IEntityTypeConfiguration<MarketplaceOrder>
{
    public void Configure(EntityTypeBuilder<MarketplaceOrder> order)
    {
        order.ToTable("marketplace_orders");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.OrderId).HasMaxLength(64);
        order.Property(o => o.ProductName).HasMaxLength(200);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.HasIndex(o => new { o.ResellerPartnerId, o.OrderedAt });
    }
}

internal sealed class PriceAdjustmentConfiguration : IEntityTypeConfiguration<PriceAdjustment>
{
    public void Configure(EntityTypeBuilder<PriceAdjustment> adjustment)
    {
        adjustment.ToTable("price_adjustments");
        adjustment.HasKey(a => a.Id);
        adjustment.Property(a => a.Id).ValueGeneratedNever();
        adjustment.Property(a => a.OrderId).HasMaxLength(64);
        adjustment.Property(a => a.Reason).HasMaxLength(500);
        adjustment.HasIndex(a => new { a.OrderId, a.AdjustedAt });
    }
}
