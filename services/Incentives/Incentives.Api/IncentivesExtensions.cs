using Incentives.Api.Application;
using Incentives.Api.Consumers;
using Incentives.Api.Data;
using Incentives.Api.DemoData;
using Incentives.Api.Domain;
using Incentives.Api.Jobs;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api;

public static class IncentivesExtensions
{
    public const string DatabaseConnectionName = "incentivesdb";
    public const string ServiceName = "incentives";

    public static IHostApplicationBuilder AddIncentivesServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IncentivesOptions>().Bind(builder.Configuration.GetSection(IncentivesOptions.SectionName));
        services.AddErrorCodes(IncentivesErrors.All);
        services.AddPlatformOpenApi();
        services.AddWorkingDays();

        var connectionString = builder.Configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<IncentivesDbContext>(options => IncentivesDbContext.Configure(options, connectionString));
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddIdempotency(DatabaseConnectionName);

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<IncentivesDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddIncentivesReferenceEnums();

        services.AddScoped<FhQualification>();
        services.AddScoped<FhRecords>();
        services.AddScoped<FhVerification>();
        services.AddScoped<PaymentApplications>();
        services.AddScoped<Statements>();
        services.AddScoped<CapabilityIncentives>();
        services.AddScoped<ProjectSubsidies>();
        services.AddScoped<Mdf>();
        services.AddScoped<Nre>();
        services.AddSingleton<MonthlyListGeneration>();
        services.AddSingleton<VerificationExpiry>();
        services.AddSingleton<AutoConfirmation>();
        services.AddHostedService<MonthlyListJob>();
        services.AddHostedService<VerificationSweeper>();
        services.AddHostedService<AutoConfirmSweeper>();

        builder.AddMessaging<IncentivesDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<PartnerPathStageChangedConsumer>();
            bus.AddConsumer<PartnerBusinessInfoCertifiedConsumer>();
            bus.AddConsumer<PartnerCapabilityTagGrantedConsumer>();
            bus.AddConsumer<ProjectApprovedConsumer>();
            bus.AddConsumer<OpportunityDeliveredConsumer>();
        });
        return builder;
    }

    private static void AddIncentivesReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<FhTrack>("fh-tracks")
        .AddReferenceEnum<EnrolmentStatus>("enrolment-statuses")
        .AddReferenceEnum<MonthlyListStatus>("monthly-list-statuses")
        .AddReferenceEnum<PaymentStatus>("payment-statuses")
        .AddReferenceEnum<StatementLineStatus>("statement-line-statuses")
        .AddReferenceEnum<RegionScope>("region-scopes")
        .AddReferenceEnum<SubsidyStatus>("subsidy-statuses")
        .AddReferenceEnum<MdfApplicationStatus>("mdf-application-statuses")
        .AddReferenceEnum<MdfActivityStatus>("mdf-activity-statuses")
        .AddReferenceEnum<MdfClaimStatus>("mdf-claim-statuses")
        .AddReferenceEnum<NreAgreementStatus>("nre-agreement-statuses")
        .AddReferenceEnum<NreMilestoneStatus>("nre-milestone-statuses");
}
