using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using Resellers.Api.Domain;

namespace Resellers.Api.Data;

/// <summary>The service's own database (<c>resellersdb</c>): links, scorecards, marketplace orders, the read model of identity's events, outbox and inbox.</summary>
public sealed class ResellersDbContext(DbContextOptions<ResellersDbContext> options) : DbContext(options)
{
    public const string OneHoldingLinkPerReseller = "ux_reseller_links_one_holding_link_per_reseller";

    public DbSet<ResellerLink> Links => Set<ResellerLink>();

    public DbSet<AccountManagerAssignment> AccountManagerAssignments => Set<AccountManagerAssignment>();

    public DbSet<Scorecard> Scorecards => Set<Scorecard>();

    public DbSet<ImprovementPlanDocument> ImprovementPlanDocuments => Set<ImprovementPlanDocument>();

    public DbSet<MarketplaceOrder> MarketplaceOrders => Set<MarketplaceOrder>();

    public DbSet<PriceAdjustment> PriceAdjustments => Set<PriceAdjustment>();

    public DbSet<JoinFacts> JoinFacts => Set<JoinFacts>();

    public DbSet<KnownPartner> KnownPartners => Set<KnownPartner>();

    public DbSet<KnownProgramme> KnownProgrammes => Set<KnownProgramme>();

    public DbSet<KnownCustomerAssociation> KnownCustomerAssociations => Set<KnownCustomerAssociation>();

    public DbSet<KnownCouponRedemption> KnownCouponRedemptions => Set<KnownCouponRedemption>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<LinkState>().HaveConversion<SnakeCaseEnumConverter<LinkState>>().HaveMaxLength(32);
        configurationBuilder.Properties<LinkOrigin>().HaveConversion<SnakeCaseEnumConverter<LinkOrigin>>().HaveMaxLength(32);
        configurationBuilder.Properties<ImprovementPlanState>().HaveConversion<SnakeCaseEnumConverter<ImprovementPlanState>>().HaveMaxLength(32);
        configurationBuilder.Properties<HandlingOption>().HaveConversion<SnakeCaseEnumConverter<HandlingOption>>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    /// <summary>
    /// PostgreSQL, with every table, column, key, foreign key and index named in snake_case
    /// (<c>IssuerPartnerId</c> → <c>issuer_partner_id</c>). Every place that builds this context's
    /// options goes through here, so the model always has the same names.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<ResellersDbContext> Options(string connectionString) =>
        (DbContextOptions<ResellersDbContext>)Configure(new DbContextOptionsBuilder<ResellersDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ResellerLink>(link =>
        {
            link.ToTable("reseller_links");
            link.HasKey(l => l.Id);
            link.Property(l => l.Id).ValueGeneratedNever();
            link.Property(l => l.Reason).HasMaxLength(500);
            link.Property(l => l.Version).IsRowVersion().HasColumnName("xmin");
            var holding = string.Join(", ", LinkTransitions.Holding.Select(s => $"'{Names.Snake(s)}'"));
            link.HasIndex(l => l.ResellerPartnerId).IsUnique().HasFilter($"state IN ({holding})").HasDatabaseName(OneHoldingLinkPerReseller);
            link.HasIndex(l => new { l.DistributorPartnerId, l.State });
            link.HasIndex(l => l.InvitationExpiresAt).HasFilter("state = 'invited'");
        });

        modelBuilder.Entity<AccountManagerAssignment>(assignment =>
        {
            assignment.ToTable("account_manager_assignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Id).ValueGeneratedNever();
            assignment.HasIndex(a => new { a.LinkId, a.AssignedAt });
        });

        modelBuilder.Entity<Scorecard>(scorecard =>
        {
            scorecard.ToTable("scorecards");
            scorecard.HasKey(s => s.Id);
            scorecard.Property(s => s.Id).ValueGeneratedNever();
            scorecard.Property(s => s.Period).HasMaxLength(7);
            scorecard.Property(s => s.PlanFileName).HasMaxLength(200);
            scorecard.Property(s => s.PlanReviewNote).HasMaxLength(500);
            scorecard.Property(s => s.Version).IsRowVersion().HasColumnName("xmin");
            scorecard.HasIndex(s => new { s.ResellerPartnerId, s.Period }).IsUnique();
            scorecard.HasIndex(s => new { s.DistributorPartnerId, s.Period });
        });

        modelBuilder.Entity<ImprovementPlanDocument>(document =>
        {
            document.ToTable("improvement_plan_documents");
            document.HasKey(d => d.ScorecardId);
            document.Property(d => d.FileName).HasMaxLength(200);
            document.Property(d => d.ContentType).HasMaxLength(100);
            document.HasOne<Scorecard>().WithOne().HasForeignKey<ImprovementPlanDocument>(d => d.ScorecardId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<MarketplaceOrder>(order =>
        {
            order.ToTable("marketplace_orders");
            order.HasKey(o => o.OrderId);
            order.Property(o => o.OrderId).HasMaxLength(64);
            order.Property(o => o.ProductName).HasMaxLength(200);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.HasIndex(o => new { o.ResellerPartnerId, o.OrderedAt });
        });

        modelBuilder.Entity<PriceAdjustment>(adjustment =>
        {
            adjustment.ToTable("price_adjustments");
            adjustment.HasKey(a => a.Id);
            adjustment.Property(a => a.Id).ValueGeneratedNever();
            adjustment.Property(a => a.OrderId).HasMaxLength(64);
            adjustment.Property(a => a.Reason).HasMaxLength(500);
            adjustment.HasIndex(a => new { a.OrderId, a.AdjustedAt });
        });

        modelBuilder.Entity<JoinFacts>(facts =>
        {
            facts.ToTable("join_facts");
            facts.HasKey(f => f.PartnerId);
            facts.Property(f => f.PartnerId).ValueGeneratedNever();
            facts.Property(f => f.Note).HasMaxLength(500);
            facts.Property(f => f.Version).IsRowVersion().HasColumnName("xmin");
        });

        modelBuilder.Entity<KnownPartner>(partner =>
        {
            partner.ToTable("known_partners");
            partner.HasKey(p => p.Id);
            partner.Property(p => p.Id).ValueGeneratedNever();
            partner.Property(p => p.CompanyName).HasMaxLength(200);
            partner.Property(p => p.Region).HasMaxLength(32);
        });

        modelBuilder.Entity<KnownProgramme>(programme =>
        {
            programme.ToTable("known_programmes");
            programme.HasKey(p => new { p.PartnerId, p.Programme });
            programme.Property(p => p.Programme).HasMaxLength(32);
        });

        modelBuilder.Entity<KnownCustomerAssociation>(association =>
        {
            association.ToTable("known_customer_associations");
            association.HasKey(a => a.Id);
            association.Property(a => a.Id).ValueGeneratedNever();
            association.HasIndex(a => a.CustomerId).IsUnique().HasFilter("disassociated_at IS NULL");
            association.HasIndex(a => new { a.OwnerPartnerId, a.AssociatedAt });
        });

        modelBuilder.Entity<KnownCouponRedemption>(redemption =>
        {
            redemption.ToTable("known_coupon_redemptions");
            redemption.HasKey(r => r.Id);
            redemption.Property(r => r.Id).ValueGeneratedNever();
            redemption.Property(r => r.OrderId).HasMaxLength(128);
            redemption.HasIndex(r => new { r.ResellerPartnerId, r.RedeemedAt });
        });

        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
