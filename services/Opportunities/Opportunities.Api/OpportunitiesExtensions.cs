using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Apis;
using Opportunities.Api.Application;
using Opportunities.Api.Consumers;
using Opportunities.Api.Data;
using Opportunities.Api.DemoData;
using Opportunities.Api.Domain;
using Opportunities.Api.Jobs;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api;

public static class OpportunitiesExtensions
{
    public const string DatabaseConnectionName = "opportunitiesdb";
    public const string ServiceName = "opportunities";

    public static IHostApplicationBuilder AddOpportunitiesServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OpportunitiesOptions>().Bind(builder.Configuration.GetSection(OpportunitiesOptions.SectionName));
        services.AddErrorCodes(OpportunitiesErrors.All);
        services.AddPlatformOpenApi(options => options.AddRequestExamples());
        services.AddWorkingDays();

        var connectionString = builder.Configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<OpportunitiesDbContext>(options => options.UseNpgsql(connectionString)
            .UseExpectedRefusalLogging());
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddIdempotency(DatabaseConnectionName);

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<OpportunitiesDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddOpportunitiesReferenceEnums();

        services.AddSingleton<Deadlines>();
        services.AddScoped<PartnerOpportunities>();
        services.AddScoped<OpportunityReview>();
        services.AddScoped<Eligibility>();
        services.AddScoped<Handovers>();
        services.AddScoped<Solutions>();
        services.AddScoped<Deals>();
        services.AddScoped<Projects>();
        services.AddScoped<Dashboard>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<DeadlineSweeper>());

        builder.AddMessaging<OpportunitiesDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<PartnerCoExpansionPlanJoinedConsumer>();
            bus.AddConsumer<PartnerPathStageChangedConsumer>();
            bus.AddConsumer<PartnerCapabilityTagGrantedConsumer>();
            bus.AddConsumer<PartnerProgrammeJoinedConsumer>();
            bus.AddConsumer<PartnerProgrammeExpiredConsumer>();
            bus.AddConsumer<CustomerAssociatedConsumer>();
            bus.AddConsumer<CustomerDisassociatedConsumer>();
            bus.AddConsumer<CustomerAuthorisationGrantedConsumer>();
            bus.AddConsumer<ResellerLinkedConsumer>();
            bus.AddConsumer<ResellerReinstatedConsumer>();
            bus.AddConsumer<ResellerSuspendedConsumer>();
            bus.AddConsumer<ResellerUnlinkedConsumer>();
        });
        return builder;
    }

    /// <summary>The enums of opportunities-api's API, served at <c>GET /v2/reference/{enum}</c> (the gateway routes these names here).</summary>
    private static void AddOpportunitiesReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<OpportunityStatus>("opportunity-statuses")
        .AddReferenceEnum<Stage>("stages")
        .AddReferenceEnum<RejectionReason>("rejection-reasons")
        .AddReferenceEnum<OpportunityPart>("opportunity-parts")
        .AddReferenceEnum<HistoryKind>("history-kinds")
        .AddReferenceEnum<HandoverStatus>("handover-statuses")
        .AddReferenceEnum<OfferingRuleSet>("offering-rule-sets")
        .AddReferenceEnum("committee-cases", provider => provider.GetRequiredService<IOptions<OpportunitiesOptions>>().Value.CommitteeCases)
        .AddReferenceEnum<SolutionStatus>("solution-statuses")
        .AddReferenceEnum<ProjectStatus>("project-statuses")
        .AddReferenceEnum("dashboard-windows", _ => Dashboard.Windows);
}
