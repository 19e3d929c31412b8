using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Messaging.Outbox;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>A running "shop" service: its DbContext, AddMessaging, consumers, relay and metrics.</summary>
public sealed class ShopHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ShopHost(IHost host)
    {
        _host = host;
        Metrics = new MetricsProbe(host.Services);
    }

    public IServiceProvider Services => _host.Services;

    public MetricsProbe Metrics { get; }

    public ConsumerProbe Probe => Services.GetRequiredService<ConsumerProbe>();

    public OutboxRelay<ShopDbContext> Relay => Services.GetRequiredService<OutboxRelay<ShopDbContext>>();

    public static async Task<ShopHost> StartAsync(
        string postgres,
        Uri eventBus,
        Action<IBusRegistrationConfigurator>? consumers = null,
        Action<MessagingOptions>? options = null,
        TimeProvider? timeProvider = null,
        bool waitForBus = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Broker outages are expected in some tests: MassTransit's reconnect warnings would drown the output.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error);
        builder.Configuration["ConnectionStrings:eventbus"] = eventBus.ToString();
        // Pooled, as services register their DbContext: the outbox interceptor must work with pooling.
        builder.Services.AddDbContextPool<ShopDbContext>(db => db.UseNpgsql(postgres));
        builder.Services.AddSingleton<ConsumerProbe>();
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.AddMessaging<ShopDbContext>("shop", consumers);
        builder.Services.Configure<MessagingOptions>(o =>
        {
            o.RetryIntervals = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)];
            o.OutboxMaxBackoff = TimeSpan.FromSeconds(1);
            o.OutboxPublishTimeout = TimeSpan.FromSeconds(3);
            o.OutboxDegradedAfter = TimeSpan.FromSeconds(1);
            options?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        if (waitForBus)
        {
            var health = await host.Services.GetRequiredService<IBusControl>()
                .WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
            if (health != BusHealthStatus.Healthy)
            {
                throw new InvalidOperationException("The bus did not become healthy: " + health);
            }
        }

        return new ShopHost(host);
    }

    /// <summary>Runs <paramref name="work"/> in a scope of the service, as an endpoint would.</summary>
    public async Task InScopeAsync(Func<ShopDbContext, IOutbox, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<ShopDbContext>(), scope.ServiceProvider.GetRequiredService<IOutbox>());
    }

    /// <summary>Places an order and publishes its event through the outbox in one SaveChanges.</summary>
    public Task PlaceOrderAsync(Guid orderId, int sequence = 0) =>
        InScopeAsync(async (db, outbox) =>
        {
            db.Orders.Add(new Order { Id = orderId, Sequence = sequence });
            outbox.Add(new OrderPlaced(orderId, sequence, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });

    public async Task<T> QueryAsync<T>(Func<ShopDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ShopDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
