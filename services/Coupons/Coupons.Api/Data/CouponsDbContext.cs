using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Data;

/// <summary>
/// The service's own database (<c>couponsdb</c>): quotas and their movements, coupons with their
/// ledger and redemptions, the operation log, whitelists, role test vouchers, the read models kept
/// from other services' events, and the outbox and inbox.
/// </summary>
public sealed class CouponsDbContext(DbContextOptions<CouponsDbContext> options) : DbContext(options)
{
    public DbSet<Quota> Quotas => Set<Quota>();

    public DbSet<QuotaMovement> QuotaMovements => Set<QuotaMovement>();

    public DbSet<Coupon> Coupons => Set<Coupon>();

    public DbSet<CouponLedgerEntry> CouponLedgerEntries => Set<CouponLedgerEntry>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();

    public DbSet<OperationRecord> OperationRecords => Set<OperationRecord>();

    public DbSet<Whitelist> Whitelists => Set<Whitelist>();

    public DbSet<WhitelistVersion> WhitelistVersions => Set<WhitelistVersion>();

    public DbSet<WhitelistEntry> WhitelistEntries => Set<WhitelistEntry>();

    public DbSet<TestVoucherGrant> TestVoucherGrants => Set<TestVoucherGrant>();

    public DbSet<CustomerAssociation> CustomerAssociations => Set<CustomerAssociation>();

    public DbSet<ResellerLink> ResellerLinks => Set<ResellerLink>();

    public DbSet<PartnerProgramme> PartnerProgrammes => Set<PartnerProgramme>();

    public DbSet<PartnerPathStage> PartnerPathStages => Set<PartnerPathStage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<QuotaType>().HaveConversion<SnakeCaseEnumConverter<QuotaType>>().HaveMaxLength(32);
        configurationBuilder.Properties<QuotaStatus>().HaveConversion<SnakeCaseEnumConverter<QuotaStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<CouponStatus>().HaveConversion<SnakeCaseEnumConverter<CouponStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<CouponSource>().HaveConversion<SnakeCaseEnumConverter<CouponSource>>().HaveMaxLength(32);
        configurationBuilder.Properties<CouponLedgerKind>().HaveConversion<SnakeCaseEnumConverter<CouponLedgerKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<QuotaMovementKind>().HaveConversion<SnakeCaseEnumConverter<QuotaMovementKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<OperationType>().HaveConversion<SnakeCaseEnumConverter<OperationType>>().HaveMaxLength(32);
        configurationBuilder.Properties<OperatorKind>().HaveConversion<SnakeCaseEnumConverter<OperatorKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<TestVoucherKind>().HaveConversion<SnakeCaseEnumConverter<TestVoucherKind>>().HaveMaxLength(32);
    }

    /// <summary>
    /// PostgreSQL, with every table, column, key, foreign key and index named in snake_case
    /// (<c>IssuerPartnerId</c> → <c>issuer_partner_id</c>). Every place that builds this context's
    /// options goes through here, so the model always has the same names.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .UseExpectedRefusalLogging();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<CouponsDbContext> Options(string connectionString) =>
        (DbContextOptions<CouponsDbContext>)Configure(new DbContextOptionsBuilder<CouponsDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CouponsDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
