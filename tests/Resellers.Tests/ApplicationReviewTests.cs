using System.Net;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Distributor review of vendor-approved applications, one at a time or in batches with partial success.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApplicationReviewTests(ResellersApiFactory api)
{
    private const string ReviewPath = "/v2/partners/distribution/applications/review";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task A_batch_approval_approves_what_it_may_and_reports_each_failure_with_its_code()
    {
        var distributor = await _scenario.DistributorAsync();
        var approvable = new List<(Guid Link, Guid Reseller)>();
        for (var i = 0; i < 3; i++)
        {
            var reseller = await _scenario.PartnerAsync();
            var link = await _scenario.ApplyAsync(reseller, distributor);
            await _scenario.PerformAsync(link, LinkAction.VendorApprove, distributor, reseller);
            approvable.Add((link, reseller));
        }

        var notVendorApproved = await _scenario.ApplyAsync(await _scenario.PartnerAsync(), distributor);
        var otherDistributors = (await _scenario.LinkInStateAsync(LinkState.VendorApproved)).LinkId;
        var unknown = Guid.NewGuid();
        var frozenReseller = await _scenario.PartnerAsync();
        var frozenLink = await _scenario.ApplyAsync(frozenReseller, distributor);
        await _scenario.PerformAsync(frozenLink, LinkAction.VendorApprove, distributor, frozenReseller);
        await _scenario.RecordFactsAsync(frozenReseller, frozen: true);

        Guid[] ids = [.. approvable.Select(a => a.Link), notVendorApproved, otherDistributors, unknown, frozenLink];
        var response = await Scenario.SendJsonAsync(
            _scenario.AsDistributor(distributor), HttpMethod.Post, ReviewPath, new { link_ids = ids, decision = "approve" });

        var body = await ProblemAssert.IsSuccess(response);
        Assert.Equal(
            approvable.Select(a => a.Link).Order(),
            body.GetProperty("succeeded").EnumerateArray().Select(e => e.GetGuid()).Order());
        var errors = body.GetProperty("error_details").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetGuid(), e => e.GetProperty("error_code").GetString());
        Assert.Equal(4, errors.Count);
        Assert.Equal("CBC.0150", errors[notVendorApproved]);
        Assert.Equal("CBC.0156", errors[otherDistributors]);
        Assert.Equal("CBC.0156", errors[unknown]);
        Assert.Equal("CBC.600006", errors[frozenLink]);
        Assert.All(body.GetProperty("error_details").EnumerateArray(), e => Assert.False(string.IsNullOrEmpty(e.GetProperty("error_msg").GetString())));

        foreach (var (link, _) in approvable)
        {
            Assert.Equal(LinkState.Active, await _scenario.StateOfAsync(link));
        }

        Assert.Equal(LinkState.Applied, await _scenario.StateOfAsync(notVendorApproved));
        Assert.Equal(LinkState.VendorApproved, await _scenario.StateOfAsync(otherDistributors));
        Assert.Equal(LinkState.VendorApproved, await _scenario.StateOfAsync(frozenLink));
    }

    [Fact]
    public async Task A_batch_rejection_rejects_with_the_reason()
    {
        var (link, distributor, _) = await _scenario.LinkInStateAsync(LinkState.VendorApproved);

        var response = await Scenario.SendJsonAsync(
            _scenario.AsDistributor(distributor), HttpMethod.Post, ReviewPath, new { link_ids = new[] { link }, decision = "reject", reason = "region mismatch" });

        var body = await ProblemAssert.IsSuccess(response);
        Assert.Single(body.GetProperty("succeeded").EnumerateArray());
        var view = await ProblemAssert.IsSuccess(await _scenario.AsDistributor(distributor).GetAsync($"/v2/partners/distribution/links/{link}"));
        Assert.Equal("rejected", view.GetProperty("state").GetString());
        Assert.Equal("region mismatch", view.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(101, "maybe", "CBC.0101")]
    [InlineData(0, "approve", "CBC.0100")]
    [InlineData(1, "maybe", "CBC.0100")]
    public async Task A_malformed_batch_is_refused_as_a_whole(int count, string decision, string code)
    {
        var distributor = await _scenario.DistributorAsync();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();

        var response = await Scenario.SendJsonAsync(
            _scenario.AsDistributor(distributor), HttpMethod.Post, ReviewPath, new { link_ids = ids, decision });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Only_distributors_review_applications()
    {
        var partner = await _scenario.PartnerAsync();

        var response = await Scenario.SendJsonAsync(
            _scenario.AsReseller(partner), HttpMethod.Post, ReviewPath, new { link_ids = new[] { Guid.NewGuid() }, decision = "approve" });

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task The_reseller_sees_its_distributor_and_account_manager_once_linked()
    {
        var distributor = await _scenario.DistributorAsync("Tier One Distribution Ltd");
        var (link, _, reseller) = await _scenario.ActiveLinkAsync(distributor);
        var member = Guid.NewGuid();
        var client = _scenario.AsDistributor(distributor);
        var etag = (await client.GetAsync($"/v2/partners/indirect-partners/{reseller}")).Headers.ETag!.Tag;
        await ProblemAssert.IsSuccess(await Scenario.SendJsonAsync(
            client, HttpMethod.Put, $"/v2/partners/indirect-partners/{reseller}/account-manager", new { member_id = member }, etag));

        var body = await ProblemAssert.IsSuccess(await _scenario.AsReseller(reseller).GetAsync("/v2/partners/distribution/my-distributor"));

        Assert.Equal(link, body.GetProperty("link_id").GetGuid());
        Assert.Equal(distributor, body.GetProperty("distributor_partner_id").GetGuid());
        Assert.Equal("Tier One Distribution Ltd", body.GetProperty("distributor_name").GetString());
        Assert.Equal(member, body.GetProperty("account_manager_id").GetGuid());
    }

    [Fact]
    public async Task A_partner_without_a_distributor_gets_404_for_its_distributor()
    {
        var response = await _scenario.AsReseller(await _scenario.PartnerAsync()).GetAsync("/v2/partners/distribution/my-distributor");

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
    }
}
