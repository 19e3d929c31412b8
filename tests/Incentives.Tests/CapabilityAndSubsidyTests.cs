using System.Net;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class CapabilityAndSubsidyTests(IncentivesApiFactory api)
{
    private const string Claims = "/v2/partners/incentives/capability-incentives/claims";

    [Fact]
    public async Task A_claim_outside_the_kinds_region_scope_is_refused_and_scope_changes_take_effect_on_their_date()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        using (var partner = scenario.Partner())
        {
            await ProblemAssert.IsProblem(
                await partner.PostJsonAsync(Claims, new { incentive_kind = "cloud_migration_planning", region = "china", amount = 100m, currency = "CNY" }),
                HttpStatusCode.Conflict, "CBC.99018061");
            await partner.PostOkAsync(Claims, new { incentive_kind = "cloud_migration_planning", region = "overseas", amount = 100m, currency = "USD" }, HttpStatusCode.Created);
            await ProblemAssert.IsProblem(
                await partner.PostJsonAsync(Claims, new { incentive_kind = "no_such_kind", region = "china", amount = 1m, currency = "CNY" }), HttpStatusCode.BadRequest, "CBC.99018060");
        }

        var kind = "kind_" + scenario.PartnerId.ToString("N")[..8];
        using (var vendor = scenario.Vendor())
        {
            var changed = await vendor.PutJsonAsync($"/v2/vendor/incentives/capability-incentives/{kind}/scope", new { region_scope = "china", effective_from = "2026-11-01" });
            await ProblemAssert.IsSuccess(changed);
            await ProblemAssert.IsSuccess(await vendor.PutJsonAsync($"/v2/vendor/incentives/capability-incentives/{kind}/scope", new { region_scope = "global", effective_from = "2026-12-01" }));
            var history = await vendor.GetOkAsync("/v2/vendor/incentives/capability-incentives/scopes");
            var rows = history.GetProperty("scopes").EnumerateArray().Where(s => s.Text("incentive_kind") == kind).ToList();
            Assert.Equal(["global", "china"], rows.Select(r => r.Text("region_scope")));
            Assert.All(rows, r => Assert.Equal(Scenario.VendorCaller.UserId, r.Text("changed_by")));
        }

        using (var partner = scenario.Partner())
        {
            await ProblemAssert.IsProblem(
                await partner.PostJsonAsync(Claims, new { incentive_kind = kind, region = "overseas", amount = 5m, currency = "USD" }), HttpStatusCode.Conflict, "CBC.99018061");
        }

        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        using (var partner = scenario.Partner())
        {
            await partner.PostOkAsync(Claims, new { incentive_kind = kind, region = "overseas", amount = 5m, currency = "USD" }, HttpStatusCode.Created);
        }

        Assert.Equal(2, (await api.PayloadsAsync("CapabilityIncentiveScopeChanged")).Count(p => p.Contains(kind, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Eight_identical_scope_changes_at_once_write_one_row_and_one_event_and_a_later_change_back_is_kept()
    {
        var scenario = new Scenario(api);
        var kind = "race_" + scenario.PartnerId.ToString("N")[..8];
        var path = $"/v2/vendor/incentives/capability-incentives/{kind}/scope";
        using (var vendor = scenario.Vendor())
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => vendor.PutJsonAsync(path, new { region_scope = "china", effective_from = "2027-01-01" })));
            foreach (var answer in answers)
            {
                await ProblemAssert.IsSuccess(answer);
            }

            await ProblemAssert.IsSuccess(await vendor.PutJsonAsync(path, new { region_scope = "overseas", effective_from = "2027-01-01" }));
            await ProblemAssert.IsSuccess(await vendor.PutJsonAsync(path, new { region_scope = "china", effective_from = "2027-01-01" }));
            var history = await vendor.GetOkAsync("/v2/vendor/incentives/capability-incentives/scopes");
            var rows = history.GetProperty("scopes").EnumerateArray().Where(s => s.Text("incentive_kind") == kind).ToList();
            Assert.Equal(["china", "overseas", "china"], rows.Select(r => r.Text("region_scope")));
        }

        Assert.Equal(3, (await api.PayloadsAsync("CapabilityIncentiveScopeChanged")).Count(p => p.Contains(kind, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_large_project_is_subsidised_only_for_a_partner_holding_a_capability_tag_when_it_applies()
    {
        var scenario = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        var large = Guid.NewGuid();
        var small = Guid.NewGuid();
        var overseas = Guid.NewGuid();
        var delivered = Guid.NewGuid();
        await api.PublishAsync(new ProjectApproved(large, scenario.PartnerId, "ERP", 1_000_000m, "CNY", false, Guid.NewGuid(), api.Clock.GetUtcNow()));
        await api.PublishAsync(new ProjectApproved(small, scenario.PartnerId, "CRM", 999_999.99m, "CNY", false, Guid.NewGuid(), api.Clock.GetUtcNow()));
        await api.PublishAsync(new ProjectApproved(overseas, scenario.PartnerId, "Web", 125_000m, "USD", true, Guid.NewGuid(), api.Clock.GetUtcNow()));
        await api.PublishAsync(new OpportunityDelivered(delivered, scenario.PartnerId, 124_999m, "USD", api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return await db.SubsidyProjects.CountAsync(p => p.PartnerId == scenario.PartnerId) == 4;
            },
            TimeSpan.FromSeconds(20),
            "the projects arrived");

        const string Path = "/v2/partners/incentives/project-subsidies";
        using (var partner = scenario.Partner())
        {
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { project_id = large }), HttpStatusCode.Forbidden, "CBC.99018071");
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { project_id = overseas }), HttpStatusCode.Forbidden, "CBC.99018071");
            var smallSubsidy = await partner.PostOkAsync(Path, new { project_id = small }, HttpStatusCode.Created);
            Assert.False(smallSubsidy.GetProperty("large_project").GetBoolean());
            await partner.PostOkAsync(Path, new { project_id = delivered }, HttpStatusCode.Created);
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { project_id = small }), HttpStatusCode.Conflict, "CBC.99018072");
            await ProblemAssert.IsProblem(await partner.PostJsonAsync(Path, new { project_id = Guid.NewGuid() }), HttpStatusCode.Conflict, "CBC.99018070");
        }

        await api.PublishAsync(new PartnerCapabilityTagGranted(scenario.PartnerId, "operations_excellence", api.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return await db.PartnerProfiles.AnyAsync(p => p.PartnerId == scenario.PartnerId && p.CapabilityTags.Contains("operations_excellence"));
            },
            TimeSpan.FromSeconds(20),
            "the tag arrived");

        using (var partner = scenario.Partner())
        {
            var subsidy = await partner.PostOkAsync(Path, new { project_id = large }, HttpStatusCode.Created);
            Assert.True(subsidy.GetProperty("large_project").GetBoolean());
            Assert.Equal("operations_excellence", subsidy.GetProperty("capability_tags_at_application")[0].GetString());
        }
    }
}
