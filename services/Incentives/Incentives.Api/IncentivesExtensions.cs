using Incentives.Api.Application;
using Incentives.Api.Consumers;
using Incentives.Api.Data;
using Incentives.Api.Jobs;
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
        services.AddHostedService<IncentivesDatabaseStartup>();

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
}
