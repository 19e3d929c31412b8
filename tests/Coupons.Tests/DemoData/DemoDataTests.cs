using Coupons.Api.DemoData;
using Coupons.Api.Domain;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> run as the AppHost runs it (the built dll in its own process) next to a
/// running coupons-api that hears identity-api's events about the demo partners from the broker.
/// </summary>
public sealed class DemoDataTests(CouponsApiFactory api) : IClassFixture<CouponsApiFactory>
{
    [Fact]
    public async Task Seeding_twice_grants_the_demo_solution_provider_and_distributor_one_quota_each()
    {
        var now = DateTimeOffset.UtcNow;
        await api.PublishAsync(new PartnerProgrammeJoined(DemoPartners.SolutionProvider, PartnerProgramme.SolutionProvider, null, now));
        await api.PublishAsync(new PartnerProgrammeJoined(DemoPartners.Distributor, PartnerProgramme.Distributor, null, now));
        await api.PublishAsync(new CustomerAssociated(DemoPartners.SolutionProvider, Guid.NewGuid(), CustomerAssociation.Reseller, null, now));

        var first = await api.SeedDemoDataAsync();
        Assert.True(first.ExitCode == 0, first.ToString());
        var afterFirst = await RowsAsync();
        var second = await api.SeedDemoDataAsync();

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(afterFirst, await RowsAsync());
        Assert.Equal(first.LinesStartingWith("demo data:"), second.LinesStartingWith("demo data:"));
        Assert.Equal(2, first.LinesStartingWith("demo data:").Count);
        await using var db = api.Db();
        var quotas = await db.Quotas.AsNoTracking().ToListAsync();
        Assert.Equal([DemoPartners.Distributor, DemoPartners.SolutionProvider], quotas.Select(q => q.PartnerId).Order());
        Assert.All(quotas, q => Assert.Equal((QuotaType.Voucher, QuotaStatus.Normal, CouponsDemoData.QuotaAmount, CouponsDemoData.QuotaAmount), (q.QuotaType, q.Status, q.TotalAmount, q.RemainingAmount)));
        Assert.Equal(2, await db.OperationRecords.CountAsync(r => r.OperationType == OperationType.QuotaGranted));
    }

    [Fact]
    public async Task Without_identity_events_the_seeder_gives_up_after_its_wait_and_says_why()
    {
        await using var fresh = new CouponsApiFactory();
        await fresh.InitializeAsync();

        var run = await fresh.SeedDemoDataAsync(waitTimeout: "00:00:02");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("did not arrive within 2 s", run.Errors, StringComparison.Ordinal);
        var production = await fresh.SeedDemoDataAsync(environment: "Production");
        Assert.Equal(2, production.ExitCode);
        Assert.Contains("Development only", production.Errors, StringComparison.Ordinal);
        await using var db = fresh.Db();
        Assert.False(await db.Quotas.AnyAsync());
        await ((IAsyncLifetime)fresh).DisposeAsync();
    }

    private async Task<List<string>> RowsAsync()
    {
        await using var db = api.Db();
        var quotas = await db.Quotas.AsNoTracking().OrderBy(q => q.Id)
            .Select(q => $"quota {q.Id} {q.PartnerId} {q.RemainingAmount} {q.Status} {q.Version}").ToListAsync();
        var movements = await db.QuotaMovements.AsNoTracking().OrderBy(m => m.QuotaId).ThenBy(m => m.OccurredAt)
            .Select(m => $"movement {m.QuotaId} {m.Kind} {m.Amount}").ToListAsync();
        var records = await db.OperationRecords.AsNoTracking().OrderBy(r => r.OccurredAt)
            .Select(r => $"record {r.PartnerId} {r.OperationType} {r.QuotaId} {r.Amount}").ToListAsync();
        return [.. quotas, .. movements, .. records];
    }
}
