using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>Completeness, plausibility and consent at submit, each refused with its own code; routing of existing customers.</summary>
public sealed class SubmitRulesTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private async Task<HttpResponseMessage> SubmitAsync(HttpClient partner, Dictionary<string, object?> draft)
    {
        var id = (await _scenario.CreateDraftAsync(partner, draft)).GetProperty("id").GetGuid();
        return await Scenario.PostAsync(partner, $"/v2/partners/opportunities/{id}/submit", null);
    }

    [Fact]
    public async Task Each_implausible_or_incomplete_po_is_refused_with_its_own_code()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);

        var incomplete = Scenario.Draft(solutionId);
        incomplete.Remove("decision_maker");
        var body = await ProblemAssert.IsProblem(await SubmitAsync(partner, incomplete), HttpStatusCode.BadRequest, "CBC.99002010");
        Assert.True(body.GetProperty("errors").TryGetProperty("decision_maker.name", out _));

        var notCloud = Scenario.Draft(solutionId);
        notCloud["cloud_related"] = false;
        await ProblemAssert.IsProblem(await SubmitAsync(partner, notCloud), HttpStatusCode.BadRequest, "CBC.99002011");

        await ProblemAssert.IsProblem(await SubmitAsync(partner, Scenario.Draft(solutionId, revenue: 0m)), HttpStatusCode.BadRequest, "CBC.99002012");
        await ProblemAssert.IsProblem(await SubmitAsync(partner, Scenario.Draft(solutionId, revenue: 9_999.99m)), HttpStatusCode.BadRequest, "CBC.99002013");
        await ProblemAssert.IsSuccess(await SubmitAsync(partner, Scenario.Draft(solutionId, revenue: 10_000m)));

        await ProblemAssert.IsProblem(await SubmitAsync(partner, Scenario.Draft(Guid.NewGuid())), HttpStatusCode.BadRequest, "CBC.99002014");
        var other = _scenario.Partner(await _scenario.PcePartnerAsync());
        var othersSolution = await _scenario.SolutionAsync(other);
        await ProblemAssert.IsProblem(await SubmitAsync(partner, Scenario.Draft(othersSolution)), HttpStatusCode.BadRequest, "CBC.99002014");

        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/solutions/{solutionId}/retire", null));
        await ProblemAssert.IsProblem(await SubmitAsync(partner, Scenario.Draft(solutionId)), HttpStatusCode.BadRequest, "CBC.99002014");
    }

    [Fact]
    public async Task A_prospect_needs_a_consent_record_and_an_associated_customer_its_share_with_vendor_authorisation()
    {
        var partnerId = await _scenario.PcePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var solutionId = await _scenario.SolutionAsync(partner);

        var noConsent = Scenario.Draft(solutionId);
        noConsent.Remove("consent");
        await ProblemAssert.IsProblem(await SubmitAsync(partner, noConsent), HttpStatusCode.BadRequest, "CBC.99002020");

        var customerId = Guid.NewGuid();
        var associated = Scenario.Draft(solutionId);
        associated.Remove("consent");
        associated["customer"] = new { customer_id = customerId, name = "Existing Customer", industry = "retail", province = "zhejiang", city = "Hangzhou" };
        await ProblemAssert.IsProblem(await SubmitAsync(partner, associated), HttpStatusCode.BadRequest, "CBC.99002022");

        await factory.PublishAsync(new CustomerAssociated(partnerId, customerId, "reseller", null, factory.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(async () => { await using var db = factory.Db(); return db.CustomerAssociations.Any(a => a.CustomerId == customerId); }, Scenario.EventTimeout, "association known");
        await ProblemAssert.IsProblem(await SubmitAsync(partner, associated), HttpStatusCode.BadRequest, "CBC.99002021");

        await factory.PublishAsync(new CustomerAuthorisationGranted(partnerId, customerId, Guid.NewGuid(), "share_with_vendor", factory.Clock.GetUtcNow()));
        await Eventually.HoldsAsync(async () => { await using var db = factory.Db(); return db.CustomerAuthorisations.Any(a => a.CustomerId == customerId); }, Scenario.EventTimeout, "authorisation known");
        var submitted = await ProblemAssert.IsSuccess(await SubmitAsync(partner, associated));
        Assert.Equal("owner:east", submitted.GetProperty("routed_to").GetString());
    }

    [Fact]
    public async Task A_new_customer_is_routed_to_the_psm_queue_of_its_location()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var solutionId = await _scenario.SolutionAsync(partner);
        var north = await _scenario.SubmittedAsync(partner, solutionId, province: "beijing");
        var unknown = await _scenario.SubmittedAsync(partner, solutionId, province: "atlantis");

        var queue = await Scenario.GetJsonAsync(_scenario.Vendor(region: "north"), "/v2/vendor/opportunities/queue?limit=100");
        Assert.Contains(queue.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == north);
        var national = await Scenario.GetJsonAsync(_scenario.Vendor(), "/v2/vendor/opportunities/queue?queue=psm:national&limit=100");
        Assert.Contains(national.GetProperty("opportunities").EnumerateArray(), o => o.GetProperty("id").GetGuid() == unknown);
        await ProblemAssert.IsProblem(await _scenario.Client(Scenario.VendorCaller(region: null)).GetAsync("/v2/vendor/opportunities/queue"), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task Partners_cannot_use_vendor_endpoints()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        await ProblemAssert.IsProblem(await partner.GetAsync("/v2/vendor/opportunities/queue?queue=psm:south"), HttpStatusCode.Forbidden, "CBC.0151");
    }
}
