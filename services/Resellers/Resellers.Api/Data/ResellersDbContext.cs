using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;
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
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .UseExpectedRefusalLogging();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<ResellersDbContext> Options(string connectionString) =>
        (DbContextOptions<ResellersDbContext>)Configure(new DbContextOptionsBuilder<ResellersDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ResellersDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
