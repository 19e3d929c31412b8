using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;

namespace Coupons.Api.Data;

/// <summary>
/// The service's own database (<c>couponsdb</c>): quotas and their movements, coupons with their
/// ledger and redemptions, the operation log, whitelists, role test vouchers, the read models kept
/// from other services' events, and the outbox and inbox.
/// </summary>
public sealed class CouponsDbContext(DbContextOptions<CouponsDbContext> options) : DbContext(options)
{
    private const string Money = "numeric(18,2)";

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
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<CouponsDbContext> Options(string connectionString) =>
        (DbContextOptions<CouponsDbContext>)Configure(new DbContextOptionsBuilder<CouponsDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Quota>(quota =>
        {
            quota.ToTable("quotas", t =>
            {
                t.HasCheckConstraint("ck_quotas_remaining_amount", "remaining_amount >= 0");
                t.HasCheckConstraint("ck_quotas_validity", "expires_at > valid_from");
            });
            quota.Property(q => q.Id).ValueGeneratedNever();
            quota.Property(q => q.Currency).HasMaxLength(3);
            quota.Property(q => q.TotalAmount).HasColumnType(Money);
            quota.Property(q => q.RemainingAmount).HasColumnType(Money);
            quota.Property(q => q.MinOrderAmount).HasColumnType(Money);
            quota.Property(q => q.MaxOrderShare).HasColumnType("numeric(3,2)");
            quota.Property(q => q.GrantedBy).HasMaxLength(64);
            quota.Property(q => q.Remark).HasMaxLength(256);
            quota.Property(q => q.Version).IsRowVersion().HasColumnName("xmin");
            quota.HasIndex(q => new { q.PartnerId, q.CreatedAt });
            quota.HasIndex(q => q.SourceQuotaId);
            quota.HasIndex(q => new { q.DistributorPartnerId, q.PartnerId });
            quota.HasIndex(q => q.ExpiresAt).HasFilter("status <> 'invalid'");
        });

        modelBuilder.Entity<QuotaMovement>(movement =>
        {
            movement.ToTable("quota_movements");
            movement.Property(m => m.Id).UseIdentityAlwaysColumn();
            movement.Property(m => m.Amount).HasColumnType(Money);
            movement.HasIndex(m => m.QuotaId);
        });

        modelBuilder.Entity<Coupon>(coupon =>
        {
            coupon.ToTable("coupons", t =>
            {
                t.HasCheckConstraint("ck_coupons_balance", "balance >= 0 AND balance <= face_value");
            });
            coupon.Property(c => c.Id).ValueGeneratedNever();
            coupon.Property(c => c.Currency).HasMaxLength(3);
            coupon.Property(c => c.FaceValue).HasColumnType(Money);
            coupon.Property(c => c.Balance).HasColumnType(Money);
            coupon.Property(c => c.MinOrderAmount).HasColumnType(Money);
            coupon.Property(c => c.MaxOrderShare).HasColumnType("numeric(3,2)");
            coupon.Property(c => c.IssuedBy).HasMaxLength(64);
            coupon.Property(c => c.Remark).HasMaxLength(256);
            coupon.HasIndex(c => new { c.IssuerPartnerId, c.IssuedAt });
            coupon.HasIndex(c => new { c.IndirectPartnerId, c.IssuedAt });
            coupon.HasIndex(c => new { c.CustomerId, c.IssuedAt });
            coupon.HasIndex(c => c.QuotaId);
            coupon.HasIndex(c => c.ExpiresAt).HasFilter("status = 'available'");
        });

        modelBuilder.Entity<CouponLedgerEntry>(entry =>
        {
            entry.ToTable("coupon_ledger_entries");
            entry.Property(e => e.Id).UseIdentityAlwaysColumn();
            entry.Property(e => e.Amount).HasColumnType(Money);
            entry.Property(e => e.BalanceAfter).HasColumnType(Money);
            entry.Property(e => e.OrderId).HasMaxLength(64);
            entry.HasIndex(e => e.CouponId);
        });

        modelBuilder.Entity<Redemption>(redemption =>
        {
            redemption.ToTable("redemptions");
            redemption.Property(r => r.Id).ValueGeneratedNever();
            redemption.Property(r => r.OrderId).HasMaxLength(64);
            redemption.Property(r => r.OrderAmount).HasColumnType(Money);
            redemption.Property(r => r.DeductedAmount).HasColumnType(Money);
            redemption.Property(r => r.BalanceAfter).HasColumnType(Money);
            redemption.Property(r => r.Currency).HasMaxLength(3);
            redemption.Property(r => r.RedeemedBy).HasMaxLength(64);
            redemption.HasIndex(r => r.OrderId).IsUnique();
            redemption.HasIndex(r => r.CouponId);
        });

        modelBuilder.Entity<OperationRecord>(record =>
        {
            record.ToTable("operation_records");
            record.Property(r => r.Id).UseIdentityAlwaysColumn();
            record.Property(r => r.OperatorId).HasMaxLength(64);
            record.Property(r => r.Amount).HasColumnType(Money);
            record.Property(r => r.Currency).HasMaxLength(3);
            record.Property(r => r.Remark).HasMaxLength(256);
            record.HasIndex(r => new { r.PartnerId, r.Id });
        });

        modelBuilder.Entity<Whitelist>(whitelist =>
        {
            whitelist.ToTable("whitelists");
            whitelist.HasKey(w => w.PartnerId);
            whitelist.Property(w => w.PartnerId).ValueGeneratedNever();
            whitelist.Property(w => w.UpdatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<WhitelistVersion>(version =>
        {
            version.ToTable("whitelist_versions");
            version.HasKey(v => new { v.PartnerId, v.Version });
            version.Property(v => v.ImportedBy).HasMaxLength(64);
            version.Property(v => v.Remark).HasMaxLength(256);
        });

        modelBuilder.Entity<WhitelistEntry>(entry =>
        {
            entry.ToTable("whitelist_entries");
            entry.HasKey(e => new { e.PartnerId, e.Version, e.CustomerId });
        });

        modelBuilder.Entity<TestVoucherGrant>(grant =>
        {
            grant.ToTable("test_voucher_grants");
            grant.HasKey(g => new { g.PartnerId, g.Role, g.Kind });
            grant.Property(g => g.Role).HasMaxLength(64);
            grant.Property(g => g.RequestedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<CustomerAssociation>(association =>
        {
            association.ToTable("customer_associations");
            association.HasKey(a => a.CustomerId);
            association.Property(a => a.CustomerId).ValueGeneratedNever();
            association.Property(a => a.AssociationType).HasMaxLength(16);
            association.HasIndex(a => a.OwnerPartnerId);
        });

        modelBuilder.Entity<ResellerLink>(link =>
        {
            link.ToTable("reseller_links");
            link.HasKey(l => l.LinkId);
            link.Property(l => l.LinkId).ValueGeneratedNever();
            link.Property(l => l.Status).HasMaxLength(16);
            link.HasIndex(l => new { l.DistributorPartnerId, l.ResellerPartnerId });
        });

        modelBuilder.Entity<PartnerProgramme>(programme =>
        {
            programme.ToTable("partner_programmes");
            programme.HasKey(p => new { p.PartnerId, p.Programme });
            programme.Property(p => p.Programme).HasMaxLength(32);
        });

        modelBuilder.Entity<PartnerPathStage>(stage =>
        {
            stage.ToTable("partner_path_stages");
            stage.HasKey(s => s.PartnerId);
            stage.Property(s => s.PartnerId).ValueGeneratedNever();
            stage.Property(s => s.Stage).HasMaxLength(32);
        });

        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
