using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;

namespace PartnerPlatform.Messaging;

public static class MessagingExtensions
{
    private const string MassTransitHealthCheckName = "masstransit-bus-replaced";

    /// <summary>
    /// Wires a service to the event bus in one call: MassTransit over RabbitMQ
    /// (<c>ConnectionStrings:eventbus</c>), receive endpoints named <c>{service}-{consumer}</c> on
    /// durable quorum queues, retry then <c>_error</c> queue, an inbox in front of every consumer,
    /// <see cref="IOutbox"/> and its relay on <typeparamref name="TDbContext"/>, the <c>eventbus</c>
    /// health check (tag <c>ready</c>) and the <c>PartnerPlatform.Messaging</c> meter.
    /// The DbContext must map <c>modelBuilder.AddOutbox()</c> (and <c>AddInbox()</c> when it has consumers).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TDbContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var connectionString = builder.Configuration.GetConnectionString(EventBusAddress.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{EventBusAddress.ConnectionStringName} is not set (environment variable ConnectionStrings__{EventBusAddress.ConnectionStringName}).");
        }

        var eventBus = EventBusAddress.Parse(connectionString);
        var services = builder.Services;
        services.AddOptions<MessagingOptions>().Bind(builder.Configuration.GetSection(MessagingOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<MessagingMetrics>();

        services.AddScoped<IOutbox, Outbox<TDbContext>>();
        services.TryAddSingleton<OutboxNotifyInterceptor>();
        services.ConfigureDbContext<TDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<OutboxNotifyInterceptor>()));
        services.AddSingleton<OutboxRelay<TDbContext>>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxRelay<TDbContext>>());

        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName + "-", false));

            // MassTransit would otherwise send a description of the bus (endpoints, versions, host)
            // to its vendor's server on start-up: nothing about our deployment leaves it unasked.
            bus.DisableUsageTelemetry();
            configureConsumers?.Invoke(bus);
            bus.ConfigureHealthCheckOptions(health => health.Name = MassTransitHealthCheckName);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
                {
                    rabbitMq.SetQuorumQueue();
                    rabbitMq.PrefetchCount = options.PrefetchCount;
                }

                endpoint.UseMessageRetry(retry => retry.Intervals(options.EffectiveRetryIntervals));
            });
            bus.UsingRabbitMq((context, rabbitMq) =>
            {
                rabbitMq.Host(eventBus.Host, eventBus.Port, eventBus.VirtualHost, host =>
                {
                    host.Username(eventBus.Username);
                    host.Password(eventBus.Password);
                    host.PublisherConfirmation = true;
                    if (eventBus.UseTls)
                    {
                        host.UseSsl(_ => { });
                    }
                });
                rabbitMq.ConnectConsumerConfigurationObserver(new InboxConsumerConfigurationObserver<TDbContext>(
                    context.GetRequiredService<MessagingMetrics>(), context.GetRequiredService<TimeProvider>()));
                rabbitMq.ConfigureEndpoints(context);
            });
        });

        // One check for the bus (ours, with a timeout, instead of MassTransit's) and one for the
        // outbox backlog. Both degrade and never fail readiness: while the broker is away requests
        // still succeed and their events wait in the outbox (docs/adr/0032).
        services.AddHealthChecks();
        services.AddOptions<HealthCheckServiceOptions>()
            .Configure<IOptions<MessagingOptions>>((health, messaging) =>
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    EventBusHealthCheck.Name,
                    provider => new EventBusHealthCheck(provider.GetRequiredService<IBusControl>()),
                    HealthStatus.Degraded,
                    ["ready"],
                    messaging.Value.HealthCheckTimeout));
                health.Registrations.Add(new HealthCheckRegistration(
                    OutboxHealthCheck<TDbContext>.Name,
                    provider => ActivatorUtilities.CreateInstance<OutboxHealthCheck<TDbContext>>(provider),
                    HealthStatus.Degraded,
                    ["ready"],
                    messaging.Value.HealthCheckTimeout));
            })
            .PostConfigure(health =>
            {
                foreach (var registration in health.Registrations.Where(r => r.Name == MassTransitHealthCheckName).ToList())
                {
                    health.Registrations.Remove(registration);
                }
            });
        return builder;
    }
}
