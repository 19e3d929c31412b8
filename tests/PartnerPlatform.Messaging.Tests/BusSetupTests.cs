using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnerPlatform.Messaging.Tests.Support;

namespace PartnerPlatform.Messaging.Tests;

public sealed class BusSetupTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>, IAsyncLifetime
{
    private ShopHost _shop = null!;

    public async Task InitializeAsync() =>
        _shop = await ShopHost.StartAsync(
            fixture.Database.ConnectionString,
            fixture.Broker.ConnectionUri,
            bus => bus.AddConsumer<OrderPlacedConsumer>(),
            options => options.HealthCheckTimeout = TimeSpan.FromSeconds(3));

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [Fact]
    public async Task Consumers_get_durable_quorum_queues_named_after_the_service_and_the_consumer()
    {
        var vhost = Uri.EscapeDataString(fixture.Broker.VirtualHost);

        var queue = await fixture.Broker.Management.GetFromJsonAsync<QueueInfo>($"api/queues/{vhost}/shop-order-placed");

        Assert.NotNull(queue);
        Assert.Equal("quorum", queue.Type);
        Assert.True(queue.Durable);
    }

    [Fact]
    public async Task The_bus_and_the_outbox_are_ready_checks_that_degrade_and_never_fail_readiness()
    {
        var health = _shop.Services.GetRequiredService<HealthCheckService>();
        var registrations = _shop.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        var report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));

        Assert.Equal(["eventbus", "outbox"], report.Entries.Keys.Order());
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        Assert.Equal("healthy", report.Entries["eventbus"].Data["bus"]);
        Assert.Equal(0L, report.Entries["outbox"].Data["unsent"]);
        Assert.All(registrations, registration =>
        {
            Assert.Equal(HealthStatus.Degraded, registration.FailureStatus);
            Assert.Equal(TimeSpan.FromSeconds(3), registration.Timeout);
        });
    }

    [Fact]
    public void The_bus_sends_no_usage_telemetry_to_its_vendor()
    {
        var telemetry = _shop.Services.GetRequiredService<IOptions<MassTransit.UsageTelemetryOptions>>().Value;

        Assert.False(telemetry.Enabled);
    }

    [Fact]
    public void The_event_bus_address_carries_credentials_and_virtual_host()
    {
        var address = EventBusAddress.Parse("amqp://coupons:p%40ss@rabbit.internal:5673/partner%2Fcenter");

        Assert.Equal(new EventBusAddress("rabbit.internal", 5673, "partner/center", "coupons", "p@ss", false), address);
        Assert.Equal("/", EventBusAddress.Parse("amqp://u:p@localhost").VirtualHost);
        Assert.Equal(5671, EventBusAddress.Parse("amqps://u:p@localhost").Port);
        Assert.Throws<InvalidOperationException>(() => EventBusAddress.Parse("Host=localhost;Port=5672"));
    }

    private sealed record QueueInfo(string Type, bool Durable);
}
