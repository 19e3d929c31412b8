using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Data;

/// <summary>
/// The service's own database (<c>incentivesdb</c>): FH enrolments, staff, projects, monthly lists, payment
/// applications and invoices; statement lines; MDF quotas, applications, claims and invoices; NRE agreements and milestones; capability incentive scopes and claims; project subsidies; the
/// partner read model kept from identity-api's events; the outbox and inbox. snake_case names throughout.
/// </summary>
public sealed class IncentivesDbContext(DbContextOptions<IncentivesDbContext> options) : DbContext(options)
{
    public const string Money = "numeric(18,2)";

    public DbSet<PartnerProfile> PartnerProfiles => Set<PartnerProfile>();

    public DbSet<FhEnrolment> FhEnrolments => Set<FhEnrolment>();

    public DbSet<FhStaff> FhStaff => Set<FhStaff>();

    public DbSet<FhProject> FhProjects => Set<FhProject>();

    public DbSet<FhMonthlyList> FhMonthlyLists => Set<FhMonthlyList>();

    public DbSet<PaymentApplication> PaymentApplications => Set<PaymentApplication>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<StatementLine> StatementLines => Set<StatementLine>();

    public DbSet<CapabilityIncentiveScope> CapabilityIncentiveScopes => Set<CapabilityIncentiveScope>();

    public DbSet<CapabilityIncentiveClaim> CapabilityIncentiveClaims => Set<CapabilityIncentiveClaim>();

    public DbSet<MdfCategory> MdfCategories => Set<MdfCategory>();

    public DbSet<MdfQuota> MdfQuotas => Set<MdfQuota>();

    public DbSet<MdfApplication> MdfApplications => Set<MdfApplication>();

    public DbSet<MdfClaim> MdfClaims => Set<MdfClaim>();

    public DbSet<MdfInvoice> MdfInvoices => Set<MdfInvoice>();

    public DbSet<NreAgreement> NreAgreements => Set<NreAgreement>();

    public DbSet<NreMilestone> NreMilestones => Set<NreMilestone>();

    public DbSet<SubsidyProject> SubsidyProjects => Set<SubsidyProject>();

    public DbSet<ProjectSubsidy> ProjectSubsidies => Set<ProjectSubsidy>();

    /// <summary>The options every instance is built with: PostgreSQL and snake_case names.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string? connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            .UseExpectedRefusalLogging();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<IncentivesDbContext> Options(string connectionString) =>
        (DbContextOptions<IncentivesDbContext>)Configure(new DbContextOptionsBuilder<IncentivesDbContext>(), connectionString).Options;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<FhTrack>().HaveConversion<SnakeCaseEnumConverter<FhTrack>>().HaveMaxLength(32);
        configurationBuilder.Properties<EnrolmentStatus>().HaveConversion<SnakeCaseEnumConverter<EnrolmentStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<MonthlyListStatus>().HaveConversion<SnakeCaseEnumConverter<MonthlyListStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<PaymentStatus>().HaveConversion<SnakeCaseEnumConverter<PaymentStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<StatementLineStatus>().HaveConversion<SnakeCaseEnumConverter<StatementLineStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<RegionScope>().HaveConversion<SnakeCaseEnumConverter<RegionScope>>().HaveMaxLength(32);
        configurationBuilder.Properties<SubsidyStatus>().HaveConversion<SnakeCaseEnumConverter<SubsidyStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<MdfApplicationStatus>().HaveConversion<SnakeCaseEnumConverter<MdfApplicationStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<MdfClaimStatus>().HaveConversion<SnakeCaseEnumConverter<MdfClaimStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<NreAgreementStatus>().HaveConversion<SnakeCaseEnumConverter<NreAgreementStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<NreMilestoneStatus>().HaveConversion<SnakeCaseEnumConverter<NreMilestoneStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HaveColumnType(Money);
        configurationBuilder.Properties<string>().HaveMaxLength(256);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IncentivesDbContext).Assembly);
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
    }
}
