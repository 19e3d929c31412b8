using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.DemoData;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>
/// <c>--seed-demo-data</c> run as the AppHost runs it (the built dll in its own process) next to a
/// running resellers-api that hears identity-api's events about the demo partners from the broker.
/// </summary>
public sealed class DemoDataTests(ResellersApiFactory api) : IClassFixture<ResellersApiFactory>
{
    [Fact]
    public async Task Seeding_twice_links_the_demo_distributor_with_its_two_resellers_once()
    {
        var now = DateTimeOffset.UtcNow;
        var bus = api.Services.GetRequiredService<IBus>();
        await bus.Publish(new PartnerRegistered(DemoPartners.Distributor, "【演示】华东云联分销有限公司", "cn", now));
        await bus.Publish(new PartnerProgrammeJoined(DemoPartners.Distributor, KnownProgramme.Distributor, null, now));
        foreach (var (reseller, _) in DemoPartners.Resellers)
        {
            await bus.Publish(new PartnerRegistered(reseller, "【演示】 reseller " + reseller, "cn", now));
        }

        var first = await api.SeedDemoDataAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var afterFirst = await LinksAsync();
        var second = await api.SeedDemoDataAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(afterFirst, await LinksAsync());
        Assert.Equal(first.Output.Split('\n').Where(l => l.StartsWith("demo data:", StringComparison.Ordinal)), second.Output.Split('\n').Where(l => l.StartsWith("demo data:", StringComparison.Ordinal)));
        Assert.Equal(2, afterFirst.Count);
        Assert.All(afterFirst, l => Assert.StartsWith($"{DemoPartners.Distributor} ", l, StringComparison.Ordinal));
        Assert.All(afterFirst, l => Assert.Contains(" Active ", l, StringComparison.Ordinal));
        Assert.Equal(
            DemoPartners.Resellers.Select(r => r.Partner).Order(),
            await api.WithDbAsync(db => db.Links.Select(l => l.ResellerPartnerId).OrderBy(id => id).ToListAsync()));
        Assert.Equal(2, await api.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE '%.ResellerLinked,%'").SingleAsync()));
    }

    [Fact]
    public async Task Without_identity_events_the_seeder_gives_up_after_its_wait_and_says_why()
    {
        await using var fresh = new ResellersApiFactory();
        await fresh.InitializeAsync();

        var run = await fresh.SeedDemoDataAsync(waitTimeout: "00:00:02");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("did not arrive within 2 s", run.Errors, StringComparison.Ordinal);
        Assert.False(await fresh.WithDbAsync(db => db.Links.AnyAsync()));

        var production = await fresh.SeedDemoDataAsync(environment: "Production");
        Assert.Equal(2, production.ExitCode);
        Assert.Contains("Development only", production.Errors, StringComparison.Ordinal);
        await ((IAsyncLifetime)fresh).DisposeAsync();
    }

    private Task<List<string>> LinksAsync() => api.WithDbAsync(db => db.Links.AsNoTracking().OrderBy(l => l.ResellerPartnerId)
        .Select(l => $"{l.DistributorPartnerId} {l.ResellerPartnerId} {l.Id} {l.State} {l.UpdatedAt:O} {l.Version}")
        .ToListAsync());
}
