using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Consumers;
using Resellers.Api.Data;
using Resellers.Api.DemoData;
using Resellers.Api.Domain;
using Resellers.Api.Jobs;

namespace Resellers.Api;

public static class ResellersExtensions
{
    public const string DatabaseConnectionName = "resellersdb";
    public const string ServiceName = "resellers";

    public static IHostApplicationBuilder AddResellersServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<ResellersOptions>().Bind(configuration.GetSection(ResellersOptions.SectionName));
        services.AddErrorCodes(ResellersErrors.All);
        services.AddPlatformOpenApi();

        var connectionString = configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContext<ResellersDbContext>(options => ResellersDbContext.Configure(options, connectionString));
        builder.AddPostgresHealthCheck(DatabaseConnectionName);

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<ResellersDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddResellersReferenceEnums();

        services.AddScoped<JoinEligibility>();
        services.AddScoped<LinkService>();
        services.AddScoped<JoinFactsRecords>();
        services.AddScoped<IndirectPartners>();
        services.AddScoped<Scorecards>();
        services.AddScoped<Marketplace>();
        services.AddHostedService<InvitationExpirySweeper>();
        builder.AddIdempotency(DatabaseConnectionName);

        builder.AddMessaging<ResellersDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<PartnerRegisteredConsumer>();
            bus.AddConsumer<PartnerProgrammeJoinedConsumer>();
            bus.AddConsumer<PartnerProgrammeExpiredConsumer>();
            bus.AddConsumer<CustomerAssociatedConsumer>();
            bus.AddConsumer<CustomerDisassociatedConsumer>();
            bus.AddConsumer<CouponRedeemedConsumer>();
        });
        return builder;
    }

    /// <summary>The enums of resellers-api's API, served at <c>GET /v2/reference/{enum}</c> (the gateway routes these names here).</summary>
    private static void AddResellersReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<LinkState>("link-states")
        .AddReferenceEnum<LinkOrigin>("link-origins")
        .AddReferenceEnum<LinkAction>("link-actions")
        .AddReferenceEnum<LinkActor>("link-actors")
        .AddReferenceEnum<JoinBlockerReason>("join-blocker-reasons")
        .AddReferenceEnum<ImprovementPlanState>("improvement-plan-states")
        .AddReferenceEnum<HandlingOption>("handling-options");
}
