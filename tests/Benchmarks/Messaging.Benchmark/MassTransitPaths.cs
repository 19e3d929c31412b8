using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Messaging;
using PartnerPlatform.Messaging.Outbox;

namespace Messaging.Benchmark;

/// <summary>A service built with AddMessaging: the outbox path and the direct-publish path share its consumer.</summary>
public sealed class MassTransitPaths : IAsyncDisposable
{
    private readonly IHost _host;

    private MassTransitPaths(IHost host) => _host = host;

    public static async Task<MassTransitPaths> StartAsync(string postgres, Uri eventBus, int? relayBatchSize)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("MassTransit", LogLevel.Error);
        builder.Configuration["ConnectionStrings:eventbus"] = eventBus.ToString();
        if (relayBatchSize is { } batchSize)
        {
            builder.Configuration["Messaging:OutboxBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Services.AddDbContextPool<BenchDbContext>(db => db.UseNpgsql(postgres));
        builder.AddMessaging<BenchDbContext>("bench", bus => bus.AddConsumer<OrderPlacedConsumer>());
        var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBusControl>();
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30)) != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException("The bus did not become healthy.");
        }

        bus.ConnectConsumeObserver(new EffectObserver());
        return new MassTransitPaths(host);
    }

    /// <summary>Business row and event in one SaveChanges; the relay publishes.</summary>
    public async Task ThroughOutboxAsync(Run run, int sequence)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var orderId = Guid.NewGuid();
        db.Orders.Add(new Order { Id = orderId, Sequence = sequence });
        scope.ServiceProvider.GetRequiredService<IOutbox>().Add(new OrderPlaced(orderId, sequence, DateTimeOffset.UtcNow));
        run.Committing(sequence);
        await db.SaveChangesAsync();
    }

    /// <summary>Business row committed, then the event published straight to the bus (confirmed).</summary>
    public async Task DirectAsync(Run run, int sequence)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var orderId = Guid.NewGuid();
        db.Orders.Add(new Order { Id = orderId, Sequence = sequence });
        run.Committing(sequence);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new OrderPlaced(orderId, sequence, DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// Commits <paramref name="count"/> events to the outbox in one transaction and answers the time
    /// from that commit until the relay has marked the last one sent (publisher confirms received).
    /// </summary>
    public async Task<TimeSpan> DrainAsync(int count)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(new OrderPlaced(Guid.NewGuid(), -1, DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var unsent = db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await unsent.SingleAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The relay did not publish {count} outbox rows within 120 s.");
            }

            await Task.Delay(5);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>The effect is added to the inbox filter's transaction, which saves and commits it.</summary>
    public sealed class OrderPlacedConsumer(BenchDbContext db) : IConsumer<OrderPlaced>
    {
        public Task Consume(ConsumeContext<OrderPlaced> context)
        {
            db.Effects.Add(new Effect { Sequence = context.Message.Sequence });
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs after the whole consume pipe, i.e. after the inbox transaction committed.</summary>
    private sealed class EffectObserver : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is OrderPlaced placed)
            {
                Run.Current?.Consumed(placed.Sequence);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
