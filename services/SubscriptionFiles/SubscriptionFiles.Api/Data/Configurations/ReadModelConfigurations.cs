using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data.Configurations;

// One configuration per read model; the keyset of every file and export is the table's key.

internal sealed class CustomerRecordConfiguration : IEntityTypeConfiguration<CustomerRecord>
{
    public void Configure(EntityTypeBuilder<CustomerRecord> customer)
    {
        customer.ToTable("customers");
        customer.HasKey(c => c.CustomerId);
        customer.Property(c => c.CustomerId).ValueGeneratedNever();
        customer.Property(c => c.AccountName).HasMaxLength(128);
        customer.Property(c => c.AssociationType).HasMaxLength(16);
        customer.HasIndex(c => new { c.PartnerId, c.CustomerId });
        customer.HasIndex(c => new { c.IndirectPartnerId, c.CustomerId });
    }
}

internal sealed class ResellerLinkRecordConfiguration : IEntityTypeConfiguration<ResellerLinkRecord>
{
    public void Configure(EntityTypeBuilder<ResellerLinkRecord> link)
    {
        link.ToTable("reseller_links");
        link.HasKey(l => l.LinkId);
        link.Property(l => l.LinkId).ValueGeneratedNever();
        link.Property(l => l.Status).HasMaxLength(16);
        link.HasIndex(l => new { l.DistributorPartnerId, l.LinkId });
    }
}

internal sealed class CouponRecordConfiguration : IEntityTypeConfiguration<CouponRecord>
{
    public void Configure(EntityTypeBuilder<CouponRecord> coupon)
    {
        coupon.ToTable("coupons");
        coupon.HasKey(c => c.CouponId);
        coupon.Property(c => c.CouponId).ValueGeneratedNever();
        coupon.Property(c => c.CouponType).HasMaxLength(32);
        coupon.Property(c => c.Currency).HasMaxLength(3);
        coupon.Property(c => c.Status).HasMaxLength(16);
        coupon.HasIndex(c => new { c.PartnerId, c.CouponId });
    }
}

internal sealed class CouponOperationRecordConfiguration : IEntityTypeConfiguration<CouponOperationRecord>
{
    public void Configure(EntityTypeBuilder<CouponOperationRecord> operation)
    {
        operation.ToTable("coupon_operations");
        operation.Property(o => o.Id).UseIdentityAlwaysColumn();
        operation.Property(o => o.Operation).HasMaxLength(16);
        operation.Property(o => o.Currency).HasMaxLength(3);
        operation.Property(o => o.OrderId).HasMaxLength(64);
        operation.HasIndex(o => new { o.PartnerId, o.Id });
    }
}

internal sealed class OpportunityRecordConfiguration : IEntityTypeConfiguration<OpportunityRecord>
{
    public void Configure(EntityTypeBuilder<OpportunityRecord> opportunity)
    {
        opportunity.ToTable("opportunities");
        opportunity.HasKey(o => o.OpportunityId);
        opportunity.Property(o => o.OpportunityId).ValueGeneratedNever();
        opportunity.Property(o => o.CustomerName).HasMaxLength(128);
        opportunity.Property(o => o.CustomerIndustry).HasMaxLength(64);
        opportunity.Property(o => o.CustomerRegion).HasMaxLength(64);
        opportunity.Property(o => o.Currency).HasMaxLength(3);
        opportunity.Property(o => o.Status).HasMaxLength(16);
        opportunity.Property(o => o.Stage).HasMaxLength(32);
        opportunity.HasIndex(o => new { o.PartnerId, o.OpportunityId });
    }
}

internal sealed class IncentiveEstimateRecordConfiguration : IEntityTypeConfiguration<IncentiveEstimateRecord>
{
    public void Configure(EntityTypeBuilder<IncentiveEstimateRecord> estimate)
    {
        estimate.ToTable("incentive_estimates");
        estimate.HasKey(e => e.StatementLineId);
        estimate.Property(e => e.StatementLineId).ValueGeneratedNever();
        estimate.Property(e => e.Period).HasMaxLength(16);
        estimate.Property(e => e.IncentiveKind).HasMaxLength(32);
        estimate.Property(e => e.Currency).HasMaxLength(3);
        estimate.HasIndex(e => new { e.PartnerId, e.StatementLineId });
    }
}

internal sealed class IncentiveMetricRecordConfiguration : IEntityTypeConfiguration<IncentiveMetricRecord>
{
    public void Configure(EntityTypeBuilder<IncentiveMetricRecord> metric)
    {
        metric.ToTable("incentive_metrics");
        metric.Property(m => m.Id).UseIdentityAlwaysColumn();
        metric.Property(m => m.Metric).HasMaxLength(64);
        metric.Property(m => m.Period).HasMaxLength(16);
        metric.Property(m => m.IncentiveKind).HasMaxLength(32);
        metric.Property(m => m.Value).HasColumnType("numeric(20,4)");
        metric.Property(m => m.Formula).HasMaxLength(256);
        metric.HasIndex(m => new { m.StatementLineId, m.Metric }).IsUnique();
        metric.HasIndex(m => new { m.PartnerId, m.Id });
    }
}

internal sealed class ConsumptionRecordConfiguration : IEntityTypeConfiguration<ConsumptionRecord>
{
    public void Configure(EntityTypeBuilder<ConsumptionRecord> record)
    {
        record.ToTable("consumption_records");
        record.HasKey(r => r.RecordId);
        record.Property(r => r.RecordId).ValueGeneratedNever();
        record.Property(r => r.ProductCode).HasMaxLength(64);
        record.Property(r => r.Region).HasMaxLength(32);
        record.Property(r => r.Currency).HasMaxLength(3);
        record.HasIndex(r => new { r.PartnerId, r.RecordedAt });
    }
}

internal sealed class OrderRecordConfiguration : IEntityTypeConfiguration<OrderRecord>
{
    public void Configure(EntityTypeBuilder<OrderRecord> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.OrderId);
        order.Property(o => o.OrderId).ValueGeneratedNever();
        order.Property(o => o.OrderType).HasMaxLength(32);
        order.Property(o => o.ProductCode).HasMaxLength(64);
        order.Property(o => o.ResourceId).HasMaxLength(128);
        order.Property(o => o.Region).HasMaxLength(32);
        order.Property(o => o.Currency).HasMaxLength(3);
        order.HasIndex(o => new { o.PartnerId, o.OrderId });
    }
}

internal sealed class CustomerTagRecordConfiguration : IEntityTypeConfiguration<CustomerTagRecord>
{
    public void Configure(EntityTypeBuilder<CustomerTagRecord> tag)
    {
        tag.ToTable("customer_tags");
        tag.Property(t => t.Id).UseIdentityAlwaysColumn();
        tag.Property(t => t.Tag).HasMaxLength(64);
        tag.HasIndex(t => new { t.CustomerId, t.Tag }).IsUnique();
        tag.HasIndex(t => new { t.PartnerId, t.Id });
    }
}

internal sealed class PerformanceRecordConfiguration : IEntityTypeConfiguration<PerformanceRecord>
{
    public void Configure(EntityTypeBuilder<PerformanceRecord> record)
    {
        record.ToTable("performance_records");
        record.HasKey(r => r.RecordId);
        record.Property(r => r.RecordId).ValueGeneratedNever();
        record.Property(r => r.Period).HasMaxLength(16);
        record.Property(r => r.Metric).HasMaxLength(64);
        record.Property(r => r.Value).HasColumnType("numeric(20,4)");
        record.Property(r => r.Currency).HasMaxLength(3);
        record.HasIndex(r => new { r.PartnerId, r.RecordedAt });
    }
}
