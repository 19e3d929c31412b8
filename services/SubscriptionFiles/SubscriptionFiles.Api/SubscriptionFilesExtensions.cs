using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Consumers;
using SubscriptionFiles.Api.Data;
using SubscriptionFiles.Api.DemoData;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;
using SubscriptionFiles.Api.Jobs;

namespace SubscriptionFiles.Api;

public static class SubscriptionFilesExtensions
{
    public const string DatabaseConnectionName = "subscriptionfilesdb";
    public const string ServiceName = "subscription-files";

    public static IHostApplicationBuilder AddSubscriptionFilesServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SubscriptionFilesOptions>().Bind(builder.Configuration.GetSection(SubscriptionFilesOptions.SectionName));
        services.AddErrorCodes(SubscriptionFilesErrors.All);
        services.AddPlatformOpenApi();

        var connectionString = builder.Configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<SubscriptionFilesDbContext>(options => options.UseNpgsql(connectionString)
            // A refused write is an answer the use case decides; EF Core's own Error entries would log it as a fault.
            .UseExpectedRefusalLogging());
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddIdempotency(DatabaseConnectionName);

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<SubscriptionFilesDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddSubscriptionFilesReferenceEnums();

        services.AddSingleton<BucketStorage>();
        services.AddSingleton<DatasetReader>();
        services.AddScoped<Subscribing>();
        services.AddScoped<Unsubscribing>();
        services.AddScoped<Deliveries>();
        services.AddScoped<Exporting>();
        services.AddSingleton<DeliveryRunner>();
        services.AddSingleton<ExportRunner>();
        services.AddHostedService<DeliverySweeper>();
        services.AddSingleton<ExportSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ExportSweeper>());
        services.AddHostedService<DemoStreamGenerator>();

        services.AddOptions<WebhooksOptions>().Bind(builder.Configuration.GetSection(WebhooksOptions.SectionName));
        services.AddSingleton<WebhookAddressRules>();
        services.AddWebhookHttpClient();
        services.AddScoped<WebhookEndpoints>();
        services.AddScoped<WebhookDeliveries>();
        services.AddScoped<WebhookFanOut>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliverySender>();

        builder.AddMessaging<SubscriptionFilesDbContext>(ServiceName, bus =>
        {
            bus.AddConsumer<CustomerCreatedConsumer>();
            bus.AddConsumer<CustomerAssociatedConsumer>();
            bus.AddConsumer<CustomerDisassociatedConsumer>();
            bus.AddConsumer<AccountManagerAssignedConsumer>();
            bus.AddConsumer<ResellerLinkedConsumer>();
            bus.AddConsumer<ResellerUnlinkedConsumer>();
            bus.AddConsumer<ResellerSuspendedConsumer>();
            bus.AddConsumer<ResellerReinstatedConsumer>();
            bus.AddConsumer<CouponIssuedConsumer>();
            bus.AddConsumer<CouponRecalledConsumer>();
            bus.AddConsumer<CouponRedeemedConsumer>();
            bus.AddConsumer<CouponExpiredConsumer>();
            bus.AddConsumer<OpportunitySubmittedConsumer>();
            bus.AddConsumer<OpportunityApprovedConsumer>();
            bus.AddConsumer<OpportunityRejectedConsumer>();
            bus.AddConsumer<OpportunityProgressUpdatedConsumer>();
            bus.AddConsumer<OpportunityWonConsumer>();
            bus.AddConsumer<OpportunityLostConsumer>();
            bus.AddConsumer<OpportunityDeliveredConsumer>();
            bus.AddConsumer<IncentiveEstimatedConsumer>();
            bus.AddConsumer<IncentiveMetricsPublishedConsumer>();
            bus.AddConsumer<ConsumptionRecordedConsumer>();
            bus.AddConsumer<OrderRecordedConsumer>();
            bus.AddConsumer<CustomerTaggedConsumer>();
            bus.AddConsumer<PerformanceRecordedConsumer>();
            bus.AddWebhookConsumers();
        });
        return builder;
    }

    /// <summary>The enums of subscription-files-api's API, served at <c>GET /v2/reference/{enum}</c> (the gateway routes these names here).</summary>
    private static void AddSubscriptionFilesReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<Content>("subscription-contents")
        .AddReferenceEnum<Cadence>("cadences")
        .AddReferenceEnum<BucketKind>("bucket-kinds")
        .AddReferenceEnum<DeliveryStatus>("delivery-statuses")
        .AddReferenceEnum<ExportList>("export-lists")
        .AddReferenceEnum<ExportStatus>("export-statuses")
        .AddReferenceEnum<WebhookEndpointState>("webhook-states")
        .AddReferenceEnum<WebhookDeliveryStatus>("webhook-delivery-statuses");
}
