using Incentives.Api.Application;
using Incentives.Api.Domain;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class MonthlyListGenerationTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task Generators_racing_on_many_instances_generate_each_partner_track_and_month_exactly_once()
    {
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.Zero));
        var month = new DateOnly(2026, 3, 1);
        var partners = Enumerable.Range(0, 160).Select(_ => Guid.NewGuid()).ToList();
        await using (var db = api.Db())
        {
            foreach (var partner in partners)
            {
                db.FhEnrolments.Add(new FhEnrolment
                {
                    Id = Guid.NewGuid(), PartnerId = partner, Track = FhTrack.Standard, Status = EnrolmentStatus.Active,
                    AgreementSignedAt = api.Clock.GetUtcNow().AddMonths(-2), CreatedAt = api.Clock.GetUtcNow().AddMonths(-2), ActiveFrom = api.Clock.GetUtcNow().AddMonths(-2),
                });
                db.FhStaff.Add(new FhStaff
                {
                    Id = Guid.NewGuid(), PartnerId = partner, Track = FhTrack.Standard, Name = "Expert", MonthlyAmount = 1234.56m, ActiveFrom = new DateOnly(2026, 1, 1), UpdatedAt = api.Clock.GetUtcNow(),
                });
            }

            await db.SaveChangesAsync();
        }

        var generation = api.Services.GetRequiredService<MonthlyListGeneration>();
        Assert.Equal(month, generation.DueMonth());
        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => generation.GenerateAsync(month))));

        await using var check = api.Db();
        var lists = await check.FhMonthlyLists.Where(l => partners.Contains(l.PartnerId) && l.Month == month).ToListAsync();
        Assert.Equal(partners.Count, lists.Count);
        Assert.Equal(partners.Count, lists.Select(l => l.PartnerId).Distinct().Count());
        Assert.True(counts.Sum() >= partners.Count);
        Assert.True(counts.Count(c => c > 0) >= 1);
        Assert.All(lists, l => Assert.Equal(1234.56m, l.TotalAmount));

        var events = await api.PayloadsAsync("IncentiveListGenerated");
        Assert.Equal(partners.Count, events.Count(e => partners.Any(p => e.Contains(p.ToString(), StringComparison.Ordinal)) && e.Contains("2026-03", StringComparison.Ordinal)));

        Assert.Equal(0, await generation.GenerateAsync(month));
    }

    [Fact]
    public async Task A_partner_enrolled_after_the_month_gets_no_list_for_it_and_staff_outside_the_month_are_not_listed()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 20, 2, 0, 0, TimeSpan.Zero));
        var staff = await scenario.EnrolledWithStaffAsync(500m, 700m);
        using (var vendor = scenario.Vendor())
        {
            await vendor.PostOkAsync($"/v2/vendor/incentives/fh/staff/{staff[1]}/active-to", new { active_to = "2026-05-31" });
        }

        var generation = api.Services.GetRequiredService<MonthlyListGeneration>();
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero));
        await generation.GenerateAsync(new DateOnly(2026, 4, 1));
        await generation.GenerateAsync(new DateOnly(2026, 5, 1));
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero));
        await generation.GenerateAsync(new DateOnly(2026, 6, 1));

        await using var db = api.Db();
        var lists = await db.FhMonthlyLists.Include(l => l.Lines).Where(l => l.PartnerId == scenario.PartnerId).OrderBy(l => l.Month).ToListAsync();
        Assert.Equal([new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1)], lists.Select(l => l.Month));
        Assert.Equal(1200m, lists[0].TotalAmount);
        Assert.Equal(500m, Assert.Single(lists[1].Lines).Amount);
    }
}
