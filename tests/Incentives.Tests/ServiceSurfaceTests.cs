using System.Net;
using System.Text.RegularExpressions;
using Incentives.Api;
using Incentives.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Testing;

namespace Incentives.Tests;

[Collection(IncentivesCollection.Name)]
public sealed partial class ServiceSurfaceTests(IncentivesApiFactory api)
{
    [Fact]
    public async Task Every_partner_endpoint_with_an_id_answers_404_with_a_code_for_another_partners_object()
    {
        // One object of each kind, owned by the first partner.
        var owner = new Scenario(api);
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        await owner.BusinessInfoCertifiedAsync();
        var lists = await Arrange.QuarterAsync(api, owner.PartnerId, new DateOnly(2026, 7, 1), Incentives.Api.Domain.MonthlyListStatus.Passed, Incentives.Api.Domain.MonthlyListStatus.Void);

        Guid application, line, claim, subsidy, mdfApplication, mdfClaim, nre;
        using (var partner = owner.Partner())
        using (var vendor = owner.Vendor())
        {
            application = (await partner.PostOkAsync("/v2/partners/incentives/fh/payment-applications", new { quarter = "2026-Q3" }, HttpStatusCode.Created)).Id();
            line = (await vendor.PostOkAsync(
                "/v2/vendor/incentives/statement-lines",
                new { partner_id = owner.PartnerId, period = "2026-10", incentive_kind = "k", amount = 1m, currency = "CNY", metric = "m", metric_value = 1m, formula = "f", sources = Array.Empty<string>() },
                HttpStatusCode.Created)).Id();
            await vendor.PostOkAsync("/v2/vendor/incentives/statements/publication", new { partner_id = owner.PartnerId, period = "2026-10" });
            claim = (await partner.PostOkAsync("/v2/partners/incentives/capability-incentives/claims",
                new { incentive_kind = "operations_excellence", region = "china", amount = 1m, currency = "CNY" }, HttpStatusCode.Created)).Id();
            var project = Guid.NewGuid();
            await api.PublishAsync(new PartnerPlatform.Contracts.Opportunities.ProjectApproved(project, owner.PartnerId, "p", 10m, "CNY", false, Guid.NewGuid(), api.Clock.GetUtcNow()));
            await Eventually.HoldsAsync(async () => (await partner.PostJsonAsync("/v2/partners/incentives/project-subsidies", new { project_id = project })).StatusCode == HttpStatusCode.Created, TimeSpan.FromSeconds(20), "subsidy applied");
            await using var db = api.Db();
            subsidy = db.ProjectSubsidies.Single(s => s.PartnerId == owner.PartnerId).Id;

            await ProblemAssert.IsSuccess(await vendor.PutJsonAsync($"/v2/vendor/incentives/mdf/quotas/{owner.PartnerId}/2026", new { amount = 1000m, currency = "CNY" }));
            mdfApplication = (await partner.PostOkAsync("/v2/partners/incentives/mdf/applications", new
            {
                category = "website", title = "t", activity_start = "2026-11-02", activity_end = "2026-11-03", amount = 100m, currency = "CNY", legal_attestation = true,
            }, HttpStatusCode.Created)).Id();
            await vendor.PostOkAsync($"/v2/vendor/incentives/mdf/applications/{mdfApplication}/decision", new { approve = true });
            mdfClaim = (await partner.PostOkAsync($"/v2/partners/incentives/mdf/applications/{mdfApplication}/claims", new
            {
                amount = 10m, currency = "CNY", invoices = new[] { new { invoice_number = "S-" + Guid.NewGuid().ToString("N")[..8], amount = 10m, currency = "CNY", issued_on = "2026-11-02" } },
            }, HttpStatusCode.Created)).Id();

            using var pdm = api.CreateCallerClient(new PartnerPlatform.ServiceDefaults.CurrentCaller { IsAuthenticated = true, UserId = "pdm", VendorRole = "ecosystem_manager" });
            nre = (await pdm.PostOkAsync("/v2/vendor/incentives/nre/agreements", new
            {
                partner_id = owner.PartnerId, solution_id = Guid.NewGuid(), solution_name = "s", document_reference = "d.pdf", document_sha256 = new string('a', 64),
                total_amount = 10m, currency = "CNY", milestones = new[] { new { name = "m", amount = 10m } },
            }, HttpStatusCode.Created)).Id();
            await pdm.PostOkAsync($"/v2/vendor/incentives/nre/agreements/{nre}/review", new { approve = true });
        }

        // Route parameter values per section of the API (FH and MDF both have an application_id, capability incentives and MDF a claim_id).
        string IdFor(string path, string parameter) => parameter switch
        {
            "list_id" => lists[0].ToString(),
            "application_id" => path.Contains("/mdf/", StringComparison.Ordinal) ? mdfApplication.ToString() : application.ToString(),
            "line_id" => line.ToString(),
            "claim_id" => path.Contains("/mdf/", StringComparison.Ordinal) ? mdfClaim.ToString() : claim.ToString(),
            "subsidy_id" => subsidy.ToString(),
            "nre_id" => nre.ToString(),
            "milestone_number" => "1",
            _ => throw new InvalidOperationException($"No id for {parameter} in {path}"),
        };
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v2/partners/incentives", StringComparison.Ordinal) && e.RoutePattern.Parameters.Count > 0)
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} endpoints with an id");

        var intruder = new Scenario(api);
        using var client = intruder.Partner();
        foreach (var endpoint in endpoints)
        {
            var raw = endpoint.RoutePattern.RawText!;
            var path = RouteParameter().Replace(raw, m => IdFor(raw, m.Groups[1].Value));
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var response = method == "GET" ? await client.GetAsync(path) : await client.PostJsonAsync(path, Body(path));
            await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
        }
    }

    [Fact]
    public async Task The_error_catalogue_and_enums_are_served()
    {
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        var catalogue = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/reference/error-codes"));
        var codes = catalogue.GetProperty("error_codes").EnumerateArray().Select(c => c.GetProperty("error_code").GetString()).ToHashSet();
        Assert.All(IncentivesErrors.All, e => Assert.Contains(e.Code, codes));
        var tracks = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/reference/fh-tracks"));
        Assert.Equal(["standard", "ccoe", "lecturer_fund"], tracks.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    private static object Body(string path) => path switch
    {
        _ when path.EndsWith("/verification", StringComparison.Ordinal) => new { staff_count = 1, total_amount = 1000m, materials = new[] { "a" } },
        _ when path.EndsWith("/invoices", StringComparison.Ordinal) => new { invoice_number = "X-" + Guid.NewGuid().ToString("N")[..8], amount = 1m, currency = "CNY", issued_on = "2026-11-01" },
        _ when path.EndsWith("/feedback", StringComparison.Ordinal) => new { feedback = "x" },
        _ when path.EndsWith("/claims", StringComparison.Ordinal) => new
        {
            amount = 1m, currency = "CNY", invoices = new[] { new { invoice_number = "X-" + Guid.NewGuid().ToString("N")[..8], amount = 1m, currency = "CNY", issued_on = "2026-11-02" } },
        },
        _ when path.EndsWith("/acceptance-application", StringComparison.Ordinal) => new { materials = new[] { "a.pdf" } },
        _ => new { },
    };

    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex RouteParameter();
}
