using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data;

/// <summary>
/// The service's own database (<c>subscriptionfilesdb</c>): subscriptions, bucket claims, deliveries,
/// exports, the read models kept from other services' events, webhook endpoints and their deliveries, and the outbox and inbox.
/// </summary>
public sealed class SubscriptionFilesDbContext(DbContextOptions<SubscriptionFilesDbContext> options) : DbContext(options)
{
    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<SubscriptionContent> SubscriptionContents => Set<SubscriptionContent>();

    public DbSet<BucketClaim> BucketClaims => Set<BucketClaim>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<Export> Exports => Set<Export>();

    public DbSet<CustomerRecord> Customers => Set<CustomerRecord>();

    public DbSet<ResellerLinkRecord> ResellerLinks => Set<ResellerLinkRecord>();

    public DbSet<CouponRecord> Coupons => Set<CouponRecord>();

    public DbSet<CouponOperationRecord> CouponOperations => Set<CouponOperationRecord>();

    public DbSet<OpportunityRecord> Opportunities => Set<OpportunityRecord>();

    public DbSet<IncentiveEstimateRecord> IncentiveEstimates => Set<IncentiveEstimateRecord>();

    public DbSet<IncentiveMetricRecord> IncentiveMetrics => Set<IncentiveMetricRecord>();

    public DbSet<ConsumptionRecord> ConsumptionRecords => Set<ConsumptionRecord>();

    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    public DbSet<CustomerTagRecord> CustomerTags => Set<CustomerTagRecord>();

    public DbSet<PerformanceRecord> PerformanceRecords => Set<PerformanceRecord>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<WebhookAuditEntry> WebhookAuditEntries => Set<WebhookAuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Content>().HaveConversion<SnakeCaseEnumConverter<Content>>().HaveMaxLength(48);
        configurationBuilder.Properties<Cadence>().HaveConversion<SnakeCaseEnumConverter<Cadence>>().HaveMaxLength(16);
        configurationBuilder.Properties<BucketKind>().HaveConversion<SnakeCaseEnumConverter<BucketKind>>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<SnakeCaseEnumConverter<DeliveryStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<ExportStatus>().HaveConversion<SnakeCaseEnumConverter<ExportStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<ExportList>().HaveConversion<SnakeCaseEnumConverter<ExportList>>().HaveMaxLength(32);
        configurationBuilder.Properties<WebhookDeliveryStatus>().HaveConversion<SnakeCaseEnumConverter<WebhookDeliveryStatus>>().HaveMaxLength(16);
        configurationBuilder.Properties<decimal>().HaveColumnType("numeric(18,2)");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SubscriptionFilesDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        SnakeCase.ApplyNames(modelBuilder);
    }
}
