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

        Guid application, line, claim, subsidy;
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
        }

        var ids = new Dictionary<string, Guid>
        {
            ["list_id"] = lists[0], ["application_id"] = application, ["line_id"] = line, ["claim_id"] = claim, ["subsidy_id"] = subsidy,
        };
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v2/partners/incentives", StringComparison.Ordinal) && e.RoutePattern.Parameters.Count > 0)
            .ToList();
        Assert.True(endpoints.Count >= 10, $"only {endpoints.Count} endpoints with an id");

        var intruder = new Scenario(api);
        using var client = intruder.Partner();
        foreach (var endpoint in endpoints)
        {
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, m => ids[m.Groups[1].Value].ToString());
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
        _ => new { },
    };

    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex RouteParameter();
}
