using System.Net;
using Incentives.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed class NreTests(IncentivesApiFactory api)
{
    private const string VendorAgreements = "/v2/vendor/incentives/nre/agreements";
    private const string PartnerAgreements = "/v2/partners/incentives/nre/agreements";
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly CurrentCaller Pdm = new() { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = "ecosystem_manager" };

    [Fact]
    public async Task Milestones_open_only_after_the_PDMs_review_and_are_accepted_in_the_agreements_order()
    {
        var scenario = new Scenario(api);
        using var pdm = api.CreateCallerClient(Pdm);
        using var partner = scenario.Partner();
        var nre = (await pdm.PostOkAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()), HttpStatusCode.Created)).Id();
        var uploaded = await partner.GetOkAsync($"{PartnerAgreements}/{nre}");
        Assert.Equal("uploaded", uploaded.Text("status"));
        Assert.Equal(3, uploaded.GetProperty("milestones").GetArrayLength());
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 1), HttpStatusCode.Conflict, "CBC.99018101");

        Assert.Equal("reviewed", (await pdm.PostOkAsync($"{VendorAgreements}/{nre}/review", new { approve = true })).Text("status"));
        Assert.Single(await api.PayloadsAsync("NreAgreementReviewed"), p => p.Contains(nre.ToString(), StringComparison.Ordinal));
        await ProblemAssert.IsProblem(await pdm.PostJsonAsync($"{VendorAgreements}/{nre}/review", new { approve = true }), HttpStatusCode.Conflict, "CBC.99018105");
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 2), HttpStatusCode.Conflict, "CBC.99018102");
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 4), HttpStatusCode.NotFound, "CBC.0156");
        await ProblemAssert.IsProblem(await partner.PostJsonAsync($"{PartnerAgreements}/{nre}/milestones/1/acceptance-application", new { materials = Array.Empty<string>() }), HttpStatusCode.BadRequest, "CBC.0100");

        await ProblemAssert.IsSuccess(await ApplyAsync(partner, nre, 1));
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 1), HttpStatusCode.Conflict, "CBC.99018103");
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 2), HttpStatusCode.Conflict, "CBC.99018102");
        await ProblemAssert.IsProblem(await DecideAsync(pdm, nre, 2, accept: true), HttpStatusCode.Conflict, "CBC.99018104");

        // A refused milestone goes back to pending and is applied for again.
        var refused = await ProblemAssert.IsSuccess(await DecideAsync(pdm, nre, 1, accept: false));
        Assert.Equal("pending", refused.GetProperty("milestones")[0].Text("status"));
        await ProblemAssert.IsSuccess(await ApplyAsync(partner, nre, 1));
        for (var number = 1; number <= 3; number++)
        {
            if (number > 1)
            {
                await ProblemAssert.IsSuccess(await ApplyAsync(partner, nre, number));
            }

            await ProblemAssert.IsSuccess(await DecideAsync(pdm, nre, number, accept: true));
        }

        var completed = await partner.GetOkAsync($"{PartnerAgreements}/{nre}");
        Assert.Equal("completed", completed.Text("status"));
        Assert.All(completed.GetProperty("milestones").EnumerateArray(), m => Assert.Equal("accepted", m.Text("status")));
        var accepted = (await api.PayloadsAsync("NreMilestoneAccepted")).Where(p => p.Contains(nre.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(3, accepted.Count);
        Assert.Contains("\"milestoneNumber\":1", accepted[0].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"milestoneNumber\":3", accepted[2].Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_returned_agreement_is_uploaded_again_and_reviewed_before_any_milestone()
    {
        var scenario = new Scenario(api);
        using var pdm = api.CreateCallerClient(Pdm);
        using var partner = scenario.Partner();
        var nre = (await pdm.PostOkAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()), HttpStatusCode.Created)).Id();
        await ProblemAssert.IsProblem(
            await pdm.PostJsonAsync($"{VendorAgreements}/{nre}/document", new { document_reference = "nre/v2.pdf", document_sha256 = Sha256 }), HttpStatusCode.Conflict, "CBC.99018106");

        var returned = await pdm.PostOkAsync($"{VendorAgreements}/{nre}/review", new { approve = false, remark = "the milestone table is unsigned" });
        Assert.Equal("returned", returned.Text("status"));
        await ProblemAssert.IsProblem(await ApplyAsync(partner, nre, 1), HttpStatusCode.Conflict, "CBC.99018101");
        await ProblemAssert.IsProblem(await pdm.PostJsonAsync($"{VendorAgreements}/{nre}/review", new { approve = true }), HttpStatusCode.Conflict, "CBC.99018105");

        var corrected = await pdm.PostOkAsync($"{VendorAgreements}/{nre}/document", new { document_reference = "nre/v2.pdf", document_sha256 = Sha256 });
        Assert.Equal("uploaded", corrected.Text("status"));
        Assert.Equal("nre/v2.pdf", corrected.Text("document_reference"));
        await pdm.PostOkAsync($"{VendorAgreements}/{nre}/review", new { approve = true });
        await ProblemAssert.IsSuccess(await ApplyAsync(partner, nre, 1));
    }

    [Fact]
    public async Task Only_the_ecosystem_manager_uploads_and_reviews_and_milestones_add_up_to_the_total()
    {
        var scenario = new Scenario(api);
        using var ops = scenario.Vendor();
        using var pdm = api.CreateCallerClient(Pdm);
        await ProblemAssert.IsProblem(await ops.PostJsonAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid())), HttpStatusCode.Forbidden, "CBC.0151");
        await ProblemAssert.IsProblem(
            await pdm.PostJsonAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()) with { TotalAmount = 100000.01m }), HttpStatusCode.BadRequest, "CBC.99018107");
        await ProblemAssert.IsProblem(
            await pdm.PostJsonAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()) with { DocumentSha256 = "not-a-hash" }), HttpStatusCode.BadRequest, "CBC.0100");

        var nre = (await pdm.PostOkAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()), HttpStatusCode.Created)).Id();
        await ProblemAssert.IsProblem(await ops.PostJsonAsync($"{VendorAgreements}/{nre}/review", new { approve = true }), HttpStatusCode.Forbidden, "CBC.0151");
        Assert.Equal(1, (await ops.GetOkAsync($"{VendorAgreements}?partner_id={scenario.PartnerId}")).GetProperty("total_count").GetInt32());
        using var partner = scenario.Partner();
        await ProblemAssert.IsProblem(await partner.PostJsonAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid())), HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task Simultaneous_uploads_for_one_solution_make_one_NRE()
    {
        var scenario = new Scenario(api);
        var solution = Guid.NewGuid();
        var clients = Enumerable.Range(0, 8).Select(_ => api.CreateCallerClient(Pdm)).ToList();
        var responses = await Task.WhenAll(clients.Select(c => c.PostJsonAsync(VendorAgreements, Upload(scenario.PartnerId, solution))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict, "CBC.99018100");
        }

        await using var db = api.Db();
        Assert.Equal(1, await db.NreAgreements.CountAsync(a => a.SolutionId == solution));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Simultaneous_applications_for_one_milestone_apply_it_once()
    {
        var scenario = new Scenario(api);
        using var pdm = api.CreateCallerClient(Pdm);
        var nre = (await pdm.PostOkAsync(VendorAgreements, Upload(scenario.PartnerId, Guid.NewGuid()), HttpStatusCode.Created)).Id();
        await pdm.PostOkAsync($"{VendorAgreements}/{nre}/review", new { approve = true });
        var clients = Enumerable.Range(0, 6).Select(_ => scenario.Partner()).ToList();
        var responses = await Task.WhenAll(clients.Select(c => ApplyAsync(c, nre, 1)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await ProblemAssert.IsProblem(refused, HttpStatusCode.Conflict, "CBC.99018103");
        }

        clients.ForEach(c => c.Dispose());
    }

    private static UploadBody Upload(Guid partnerId, Guid solutionId) => new(
        partnerId, solutionId, "Smart port solution", "nre/signed-agreement.pdf", Sha256, 100000m, "CNY",
        [new("Design accepted", 30000m), new("Pilot live", 50000m), new("Rollout", 20000m)]);

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient partner, Guid nre, int number) =>
        partner.PostJsonAsync($"{PartnerAgreements}/{nre}/milestones/{number}/acceptance-application", new { materials = new[] { $"acceptance-{number}.pdf" } });

    private static Task<HttpResponseMessage> DecideAsync(HttpClient vendor, Guid nre, int number, bool accept) =>
        vendor.PostJsonAsync($"{VendorAgreements}/{nre}/milestones/{number}/acceptance", new { accept });

    private sealed record MilestoneBody(string Name, decimal Amount);

    private sealed record UploadBody(
        Guid PartnerId, Guid SolutionId, string SolutionName, string DocumentReference, string DocumentSha256, decimal TotalAmount, string Currency,
        IReadOnlyList<MilestoneBody> Milestones);
}
