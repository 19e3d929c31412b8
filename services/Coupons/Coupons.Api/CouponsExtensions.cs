using Coupons.Api.Application;
using Coupons.Api.Consumers;
using Coupons.Api.Data;
using Coupons.Api.DemoData;
using Coupons.Api.Domain;
using Coupons.Api.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api;

public static class CouponsExtensions
{
    public const string DatabaseConnectionName = "couponsdb";
    public const string ServiceName = "coupons";

    public static IHostApplicationBuilder AddCouponsServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CouponsOptions>().Bind(builder.Configuration.GetSection(CouponsOptions.SectionName));
        services.AddErrorCodes(CouponsErrors.All);
        services.AddPlatformOpenApi();

        var connectionString = builder.Configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<CouponsDbContext>(options => CouponsDbContext.Configure(options, connectionString));
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddIdempotency(DatabaseConnectionName);

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<CouponsDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddCouponsReferenceEnums();

        services.AddScoped<QuotaService>();
        services.AddScoped<IssuingService>();
        services.AddSingleton<QuotaTerms>();
        services.AddScoped<RecallService>();
        services.AddScoped<RedemptionService>();
        services.AddScoped<WhitelistService>();
        services.AddScoped<TestVoucherService>();
        services.AddScoped<CouponsQueries>();
        services.AddScoped<OperationRecordQueries>();
        services.AddSingleton<ExpirySweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpirySweeper>());

        builder.AddMessaging<CouponsDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<CustomerAssociatedConsumer>();
            bus.AddConsumer<CustomerDisassociatedConsumer>();
            bus.AddConsumer<ResellerLinkedConsumer>();
            bus.AddConsumer<ResellerUnlinkedConsumer>();
            bus.AddConsumer<ResellerSuspendedConsumer>();
            bus.AddConsumer<ResellerReinstatedConsumer>();
            bus.AddConsumer<PartnerProgrammeJoinedConsumer>();
            bus.AddConsumer<PartnerProgrammeExpiredConsumer>();
            bus.AddConsumer<PartnerPathStageChangedConsumer>();
        });
        return builder;
    }

    /// <summary>The enums of coupons-api's API, served at <c>GET /v2/reference/{enum}</c> (the gateway routes these names here).</summary>
    private static void AddCouponsReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<QuotaType>("quota-types")
        .AddReferenceEnum<QuotaStatus>("quota-statuses")
        .AddReferenceEnum<CouponStatus>("coupon-statuses")
        .AddReferenceEnum<CouponSource>("coupon-sources")
        .AddReferenceEnum<CouponLedgerKind>("ledger-kinds")
        .AddReferenceEnum<OperationType>("operation-types")
        .AddReferenceEnum("billing-modes", _ => Restrictions.KnownBillingModes)
        .AddReferenceEnum("cloud-service-types", provider => provider.GetRequiredService<IOptions<CouponsOptions>>().Value.EffectiveCloudServiceTypes)
        .AddReferenceEnum<TestVoucherKind>("test-voucher-kinds");
}
