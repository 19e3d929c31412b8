using System.Net;
using System.Text.Json;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>The seed's reseller query and account managers.</summary>
[Collection(ApiCollection.Name)]
public sealed class IndirectPartnerTests(ResellersApiFactory api)
{
    private const string Query = "/v2/partners/indirect-partners/query";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task The_query_filters_by_fuzzy_name_association_time_and_id_and_pages()
    {
        var distributor = await _scenario.DistributorAsync();
        var client = _scenario.AsDistributor(distributor);
        var early = await LinkNamedAsync(distributor, "Alpha Cloud Services");
        _scenario.Api.Clock.Advance(TimeSpan.FromHours(1));
        var middle = _scenario.Api.Clock.GetUtcNow();
        var late = await LinkNamedAsync(distributor, "Beta CLOUD 100%_ Ltd");
        var suspended = await LinkNamedAsync(distributor, "Gamma Trading");
        await _scenario.PerformAsync(suspended.Link, LinkAction.Suspend, distributor, suspended.Reseller);
        var pending = await _scenario.PartnerAsync("Cloud Pending");
        await _scenario.InviteAsync(distributor, pending);
        await _scenario.ActiveLinkAsync();

        var all = await QueryAsync(client, new { });
        Assert.Equal(3, all.GetProperty("total_count").GetInt64());
        Assert.DoesNotContain(Resellers(all), id => id == pending);

        var byName = await QueryAsync(client, new { account_name = "cloud" });
        Assert.Equal([late.Reseller, early.Reseller], Resellers(byName));

        var literal = await QueryAsync(client, new { account_name = "100%_" });
        Assert.Equal([late.Reseller], Resellers(literal));

        var since = await QueryAsync(client, new { associated_on_begin = middle });
        Assert.Equal(2, since.GetProperty("total_count").GetInt64());
        var before = await QueryAsync(client, new { associated_on_end = middle });
        Assert.Equal([early.Reseller], Resellers(before));

        var byId = await QueryAsync(client, new { indirect_partner_id = suspended.Reseller });
        var row = Assert.Single(byId.GetProperty("indirect_partners").EnumerateArray());
        Assert.Equal("suspended", row.GetProperty("status").GetString());
        Assert.Equal("Gamma Trading", row.GetProperty("account_name").GetString());

        var page = await QueryAsync(client, new { offset = 1, limit = 1 });
        Assert.Equal(3, page.GetProperty("total_count").GetInt64());
        Assert.Single(page.GetProperty("indirect_partners").EnumerateArray());
    }

    [Theory]
    [InlineData("{\"limit\":0}", "limit")]
    [InlineData("{\"limit\":101}", "limit")]
    [InlineData("{\"offset\":-1}", "offset")]
    [InlineData("{\"associated_on_begin\":\"2026-02-01T00:00:00Z\",\"associated_on_end\":\"2026-01-01T00:00:00Z\"}", "associated_on_end")]
    [InlineData("{\"account_name\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", "account_name")]
    public async Task Bad_query_parameters_are_rejected_naming_the_field(string body, string field)
    {
        var client = _scenario.AsDistributor(await _scenario.DistributorAsync());

        var response = await client.PostAsync(Query, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_distributors_query_resellers()
    {
        var response = await Scenario.SendJsonAsync(_scenario.AsReseller(await _scenario.PartnerAsync()), HttpMethod.Post, Query, new { });

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task Changing_the_account_manager_keeps_the_history_and_requires_the_current_etag()
    {
        var (_, distributor, reseller) = await _scenario.ActiveLinkAsync();
        var client = _scenario.AsDistributor(distributor);
        var path = $"/v2/partners/indirect-partners/{reseller}/account-manager";
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        await ProblemAssert.IsProblem(
            await Scenario.SendJsonAsync(client, HttpMethod.Put, path, new { member_id = first }), HttpStatusCode.PreconditionFailed, "CBC.0157");
        var etag = (await client.GetAsync($"/v2/partners/indirect-partners/{reseller}")).Headers.ETag!.Tag;
        var assigned = await Scenario.SendJsonAsync(client, HttpMethod.Put, path, new { member_id = first }, etag);
        await ProblemAssert.IsSuccess(assigned);
        await ProblemAssert.IsProblem(
            await Scenario.SendJsonAsync(client, HttpMethod.Put, path, new { member_id = second }, etag), HttpStatusCode.PreconditionFailed, "CBC.0157");
        await ProblemAssert.IsSuccess(await Scenario.SendJsonAsync(client, HttpMethod.Put, path, new { member_id = second }, assigned.Headers.ETag!.Tag));

        var history = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/indirect-partners/{reseller}/account-managers"));
        var entries = history.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(second, entries[0].GetProperty("member_id").GetGuid());
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("ended_at").ValueKind);
        Assert.Equal(first, entries[1].GetProperty("member_id").GetGuid());
        Assert.NotEqual(JsonValueKind.Null, entries[1].GetProperty("ended_at").ValueKind);
    }

    [Fact]
    public async Task A_suspended_reseller_cannot_get_a_new_account_manager()
    {
        var (link, distributor, reseller) = await _scenario.ActiveLinkAsync();
        await _scenario.PerformAsync(link, LinkAction.Suspend, distributor, reseller);
        var client = _scenario.AsDistributor(distributor);
        var etag = (await client.GetAsync($"/v2/partners/indirect-partners/{reseller}")).Headers.ETag!.Tag;

        var response = await Scenario.SendJsonAsync(
            client, HttpMethod.Put, $"/v2/partners/indirect-partners/{reseller}/account-manager", new { member_id = Guid.NewGuid() }, etag);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.0150");
    }

    private async Task<(Guid Link, Guid Reseller)> LinkNamedAsync(Guid distributor, string name)
    {
        var reseller = await _scenario.PartnerAsync(name);
        var link = await _scenario.InviteAsync(distributor, reseller);
        await _scenario.PerformAsync(link, LinkAction.Accept, distributor, reseller);
        return (link, reseller);
    }

    private static async Task<JsonElement> QueryAsync(HttpClient client, object filter) =>
        await ProblemAssert.IsSuccess(await Scenario.SendJsonAsync(client, HttpMethod.Post, Query, filter));

    private static List<Guid> Resellers(JsonElement page) =>
        [.. page.GetProperty("indirect_partners").EnumerateArray().Select(r => r.GetProperty("indirect_partner_id").GetGuid())];
}
