using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Domain;
using PartnerPlatform.Messaging;

namespace Opportunities.Api.Data;

/// <summary>
/// The service's own database (<c>opportunitiesdb</c>): POs and their history, HOs, partner
/// solutions, deals, projects, the read models kept from identity's and resellers' events, and the
/// outbox and inbox. Names are snake_case; enums are stored as their snake_case names.
/// </summary>
public sealed class OpportunitiesDbContext(DbContextOptions<OpportunitiesDbContext> options) : DbContext(options)
{
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<HistoryEntry> History => Set<HistoryEntry>();

    public DbSet<Handover> Handovers => Set<Handover>();

    public DbSet<PartnerSolution> Solutions => Set<PartnerSolution>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<PartnerFacts> Partners => Set<PartnerFacts>();

    public DbSet<PartnerProgramme> PartnerProgrammes => Set<PartnerProgramme>();

    public DbSet<CustomerAssociation> CustomerAssociations => Set<CustomerAssociation>();

    public DbSet<CustomerAuthorisation> CustomerAuthorisations => Set<CustomerAuthorisation>();

    public DbSet<ResellerLink> ResellerLinks => Set<ResellerLink>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<OpportunityStatus>().HaveConversion<SnakeCaseEnumConverter<OpportunityStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<Stage>().HaveConversion<SnakeCaseEnumConverter<Stage>>().HaveMaxLength(32);
        configurationBuilder.Properties<RejectionReason>().HaveConversion<SnakeCaseEnumConverter<RejectionReason>>().HaveMaxLength(32);
        configurationBuilder.Properties<HistoryKind>().HaveConversion<SnakeCaseEnumConverter<HistoryKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<HandoverStatus>().HaveConversion<SnakeCaseEnumConverter<HandoverStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<OfferingRuleSet>().HaveConversion<SnakeCaseEnumConverter<OfferingRuleSet>>().HaveMaxLength(32);
        configurationBuilder.Properties<SolutionStatus>().HaveConversion<SnakeCaseEnumConverter<SolutionStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<ProjectStatus>().HaveConversion<SnakeCaseEnumConverter<ProjectStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OpportunitiesDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        SnakeCaseNames.Apply(modelBuilder);
    }
}
