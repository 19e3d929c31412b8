using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;
using Resellers.Api.Consumers;
using Resellers.Api.Data;
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
        services.AddHostedService<ResellersDatabaseStartup>();

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
}
