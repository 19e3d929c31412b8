using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

/// <summary>A broker of this class's own, stopped and started inside the test; the shared broker is not touched.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public DedicatedRabbitMqFixture Broker { get; } = new();

    public PostgresDatabaseFixture Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Broker.InitializeAsync(), Database.InitializeAsync());
        await MessagingFixture.CreateSchemaAsync(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        await Broker.DisposeAsync();
    }
}

public sealed class BrokerOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>
{
    [Fact]
    public async Task Events_written_while_the_broker_is_down_wait_in_the_outbox_and_all_arrive_once_it_is_back()
    {
        await using var shop = await ShopHost.StartAsync(
            fixture.Database.ConnectionString, fixture.Broker.ConnectionUri, bus => bus.AddConsumer<OrderPlacedConsumer>());
        var health = shop.Services.GetRequiredService<HealthCheckService>();
        var before = Guid.NewGuid();
        await shop.PlaceOrderAsync(before);
        await Eventually.HoldsAsync(() => EffectsAsync(shop, before).ContinueWith(t => t.Result == 1), TimeSpan.FromSeconds(15), "the effect before the outage");

        await fixture.Broker.StopAsync();
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Entries["eventbus"].Status == HealthStatus.Degraded,
            TimeSpan.FromSeconds(15),
            "the bus health check turning degraded");
        var during = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var orderId in during)
        {
            await shop.PlaceOrderAsync(orderId);
        }

        // The relay tries, fails, records why, and keeps every row.
        await Eventually.HoldsAsync(
            () => shop.QueryAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null && m.Attempts > 0 && m.LastError != null)),
            TimeSpan.FromSeconds(15),
            "a failed publish attempt recorded on the outbox rows");
        Assert.Equal(during.Length, await shop.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null)));
        await Eventually.HoldsAsync(
            () => shop.Metrics.Observe("messaging.outbox.backlog") == during.Length, TimeSpan.FromSeconds(10), "the backlog gauge");

        // Readiness holds (degraded is not unhealthy): requests go on while the outbox keeps the events.
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Entries["outbox"].Status == HealthStatus.Degraded,
            TimeSpan.FromSeconds(10),
            "the outbox check degraded once its oldest event waited longer than a second");
        var outage = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Degraded, outage.Status);
        Assert.NotEqual("healthy", outage.Entries["eventbus"].Data["bus"]);
        var outbox = outage.Entries["outbox"];
        Assert.Equal(HealthStatus.Degraded, outbox.Status);
        Assert.Equal((long)during.Length, outbox.Data["unsent"]);
        Assert.True((double)outbox.Data["oldest_unsent_age_s"] > 1, $"oldest unsent age {outbox.Data["oldest_unsent_age_s"]}");

        await fixture.Broker.StartAsync();

        await Eventually.HoldsAsync(
            () => shop.QueryAsync(db => db.Effects.CountAsync(e => during.Contains(e.OrderId))).ContinueWith(t => t.Result == during.Length),
            TimeSpan.FromSeconds(45),
            "every event written during the outage consumed");
        Assert.Equal(0, await shop.QueryAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null)));
        Assert.False(await shop.QueryAsync(db => db.Effects.GroupBy(e => e.OrderId).AnyAsync(g => g.Count() > 1)));
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(15),
            "the bus and outbox health checks healthy again");
        var after = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(0L, after.Entries["outbox"].Data["unsent"]);
    }

    private static Task<int> EffectsAsync(ShopHost shop, Guid orderId) =>
        shop.QueryAsync(db => db.Effects.CountAsync(e => e.OrderId == orderId));
}
