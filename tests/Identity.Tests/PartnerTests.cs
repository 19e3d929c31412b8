using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class PartnerTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_partner_joins_programmes_by_the_rules_and_its_next_token_carries_them()
    {
        var partner = await Api.RegisterPartnerAsync();
        var joined = await (await Api.PostAsync("/v2/partners/profile/programmes", new { programme = "solution_provider" }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("solution_provider", joined.GetProperty("programmes").EnumerateArray().Select(p => p.GetProperty("programme").GetString()));

        await (await Api.PostAsync("/v2/partners/profile/programmes", new { programme = "solution_provider" }, partner.Token)).AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        await (await Api.PostAsync("/v2/partners/profile/programmes", new { programme = "cloud_reseller" }, partner.Token)).AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        await (await Api.PostAsync("/v2/partners/profile/programmes", new { programme = "distributor" }, partner.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);

        partner = await Api.SignInAgainAsync(partner);
        var me = await (await Api.GetAsync("/v2/auth/me", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["solution_provider"], me.GetProperty("programmes").EnumerateArray().Select(p => p.GetString()!).ToArray());

        // An expired solution provider may join the distribution plan as a cloud reseller.
        var vendor = await Api.LoginVendorAdminAsync();
        await (await Api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/programmes/solution_provider/expire", null, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync("/v2/partners/profile/programmes", new { programme = "cloud_reseller" }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerProgrammeExpired", partner.PartnerId));
        Assert.Equal(2, await shared.CountOutboxAsync("PartnerProgrammeJoined", partner.PartnerId));
    }

    [Fact]
    public async Task Joining_the_co_expansion_plan_needs_the_conditions_accepted_and_happens_once()
    {
        var partner = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/partners/profile/co-expansion-plan", new { }, partner.Token)).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        var joined = await (await Api.PostAsync("/v2/partners/profile/co-expansion-plan", new { accept_conditions = true }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, joined.GetProperty("co_expansion_joined_at").ValueKind);
        await (await Api.PostAsync("/v2/partners/profile/co-expansion-plan", new { accept_conditions = true }, partner.Token)).AssertErrorAsync("CBC.0150");
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerCoExpansionPlanJoined", partner.PartnerId));
    }

    [Fact]
    public async Task Vendor_staff_move_the_path_stage_with_if_match_and_grant_capability_tags()
    {
        var partner = await Api.RegisterPartnerAsync();
        var vendor = await Api.LoginVendorAdminAsync();
        var pdmName = Scenario.UniqueName("pdm");
        await (await Api.PostAsync("/v2/vendor/partners/staff", new { user_name = pdmName, password = Scenario.DefaultPassword, vendor_role = "pdm" }, vendor))
            .ReadJsonAsync(HttpStatusCode.Created);
        var opsName = Scenario.UniqueName("ops");
        await (await Api.PostAsync("/v2/vendor/partners/staff", new { user_name = opsName, password = Scenario.DefaultPassword, vendor_role = "ops" }, vendor))
            .ReadJsonAsync(HttpStatusCode.Created);
        var pdm = await Api.LoginAsync(pdmName, Scenario.DefaultPassword);
        var ops = await Api.LoginAsync(opsName, Scenario.DefaultPassword);

        var etag = (await Api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}", pdm)).Headers.ETag!.Tag;
        var body = new { path_stage = "role_certified" };
        await (await Api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", body, pdm)).AssertErrorAsync("CBC.0157", HttpStatusCode.PreconditionFailed);
        await (await Api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", body, ops, IfMatch(etag))).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        await (await Api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", body, partner.Token, IfMatch(etag))).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        var moved = await (await Api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", body, pdm, IfMatch(etag))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("role_certified", moved.GetProperty("path_stage").GetString());
        await (await Api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", new { path_stage = "capability_differentiated" }, pdm, IfMatch(etag)))
            .AssertErrorAsync("CBC.0157", HttpStatusCode.PreconditionFailed);

        await (await Api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/capability-tags", new { tag = "migration" }, pdm)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/capability-tags", new { tag = "migration" }, pdm)).AssertErrorAsync("CBC.0150");
        var profile = await (await Api.GetAsync("/v2/partners/profile", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["migration"], profile.GetProperty("capability_tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerPathStageChanged", partner.PartnerId));
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerCapabilityTagGranted", partner.PartnerId));

        var listed = await (await Api.GetAsync("/v2/vendor/partners?path_stage=role_certified&limit=100", ops)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(partner.PartnerId, listed.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("partner_id").GetGuid()));
    }

    [Fact]
    public async Task Business_information_is_certified_at_once_without_a_conflict()
    {
        var partner = await Api.RegisterPartnerAsync();
        var certified = await (await Api.PostAsync("/v2/partners/profile/business-certification", Certification("TAX-" + Guid.NewGuid().ToString("N")[..10], "6222000011112222"), partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("certified", certified.GetProperty("status").GetString());
        Assert.Equal("************2222", certified.GetProperty("bank_account_number").GetString());
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerBusinessInfoCertified", partner.PartnerId));
        await (await Api.PostAsync("/v2/partners/profile/business-certification", Certification("TAX-X", "1"), partner.Token)).AssertErrorAsync("CBC.0150");
    }

    [Fact]
    public async Task Conflicting_bank_information_needs_a_bank_letter_that_vendor_staff_review()
    {
        var partner = await Api.RegisterPartnerAsync();
        var vendor = await Api.LoginVendorAdminAsync();
        var taxId = "TAX-" + Guid.NewGuid().ToString("N")[..10];
        await (await Api.PutAsync("/v2/vendor/partners/supplier-records", new { tax_id = taxId, bank_account_number = "1111222233334444" }, vendor)).ReadJsonAsync(HttpStatusCode.NoContent);

        var failed = await (await Api.PostAsync("/v2/partners/profile/business-certification", Certification(taxId, "9999888877776666"), partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("bank_letter_required", failed.GetProperty("status").GetString());

        var pending = await (await Api.PostAsync("/v2/partners/profile/business-certification/bank-letter", new { document_reference = "s3://letters/1.pdf" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("pending_review", pending.GetProperty("status").GetString());
        Assert.True(pending.GetProperty("review_due_by").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(4));

        var queue = await (await Api.GetAsync("/v2/vendor/partners/business-certifications?status=pending_review&limit=100", vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(partner.PartnerId, queue.GetProperty("business_certifications").EnumerateArray().Select(c => c.GetProperty("partner_id").GetGuid()));

        await (await Api.PostAsync($"/v2/vendor/partners/business-certifications/{partner.PartnerId}/reject", new { }, vendor)).AssertErrorAsync("CBC.0100");
        var rejected = await (await Api.PostAsync($"/v2/vendor/partners/business-certifications/{partner.PartnerId}/reject", new { note = "Unreadable scan" }, vendor))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());

        await (await Api.PostAsync("/v2/partners/profile/business-certification", Certification(taxId, "9999888877776666"), partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync("/v2/partners/profile/business-certification/bank-letter", new { document_reference = "s3://letters/2.pdf" }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var approved = await (await Api.PostAsync($"/v2/vendor/partners/business-certifications/{partner.PartnerId}/approve", null, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("certified", approved.GetProperty("status").GetString());
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerBusinessInfoCertified", partner.PartnerId));
    }

    [Fact]
    public async Task Eight_identical_first_certifications_at_once_certify_once_and_the_others_get_a_coded_conflict()
    {
        var partner = await Api.RegisterPartnerAsync();
        var body = Certification("TAX-" + Guid.NewGuid().ToString("N")[..10], "6222000011113333");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.PostAsync("/v2/partners/profile/business-certification", body, partner.Token)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        }

        Assert.Equal(1, await shared.CountOutboxAsync("PartnerBusinessInfoCertified", partner.PartnerId));
    }

    [Fact]
    public async Task Eight_joins_of_the_co_expansion_plan_at_once_without_if_match_join_once_and_never_answer_412()
    {
        var partner = await Api.RegisterPartnerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Api.PostAsync("/v2/partners/profile/co-expansion-plan", new { accept_conditions = true }, partner.Token)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        }

        Assert.Equal(1, await shared.CountOutboxAsync("PartnerCoExpansionPlanJoined", partner.PartnerId));
    }

    private static object Certification(string taxId, string account) =>
        new { bank_name = "ICBC", bank_account_name = "Example Co", bank_account_number = account, tax_id = taxId };

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };
}

/// <summary>Programme memberships end by themselves, swept on a short interval against a clock of its own.</summary>
public sealed class ProgrammeExpiryTests(ProgrammeExpiryTests.FastSweep factory) : IClassFixture<ProgrammeExpiryTests.FastSweep>
{
    public sealed class FastSweep : IdentityApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["Identity:ProgrammeExpirySweepInterval"] = "00:00:00.200" };
    }

    [Fact]
    public async Task A_membership_past_its_end_date_expires_and_the_expiry_is_published_once()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var vendor = await api.LoginVendorAdminAsync();
        await (await api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/programmes", new { programme = "gov_subsidy", expires_at = DateTimeOffset.UtcNow.AddMinutes(30) }, vendor))
            .ReadJsonAsync(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        partner = await api.SignInAgainAsync(partner);

        await Eventually.HoldsAsync(async () =>
        {
            var profile = await (await api.GetAsync("/v2/partners/profile", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
            return profile.GetProperty("programmes").EnumerateArray().Single().GetProperty("status").GetString() == "expired";
        }, TimeSpan.FromSeconds(10), "the sweeper expired the membership");
        var me = await (await api.GetAsync("/v2/auth/me", await api.LoginAsync(partner.UserName, Scenario.DefaultPassword))).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, me.GetProperty("programmes").GetArrayLength());
    }
}
