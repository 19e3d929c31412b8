using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Opportunities.Tests.Support;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>Every partner endpoint with an id in its route answers another partner 404 with a code.</summary>
public sealed partial class TenantIsolationTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task Another_partners_objects_answer_not_found_on_every_id_endpoint()
    {
        var ownerId = await _scenario.AssignablePartnerAsync();
        var owner = _scenario.Partner(ownerId);
        var solutionId = await _scenario.SolutionAsync(owner);
        var ids = new Dictionary<string, Guid>
        {
            ["opportunity_id"] = await _scenario.ApprovedAsync(owner, solutionId),
            ["solution_id"] = solutionId,
            ["handover_id"] = await _scenario.HandoverAsync(),
            ["deal_id"] = (await ProblemAssert.IsSuccess(await Scenario.PostAsync(owner, "/v2/partners/opportunities/deals", new
            {
                deal_name = "Isolation", customer_name = "C", customer_account_name = "iso-" + Guid.NewGuid(), account_manager_name = "M", product_code = "p",
                amount = new { amount = 1m, currency = "CNY" },
            }, key: true), HttpStatusCode.Created)).GetProperty("id").GetGuid(),
            ["project_id"] = (await ProblemAssert.IsSuccess(await Scenario.PostAsync(owner, "/v2/partners/opportunities/projects", new
            {
                project_name = "P", description = "D", customer_name = "C", annual_cloud_spending = new { amount = 1m, currency = "CNY" },
            }, key: true), HttpStatusCode.Created)).GetProperty("id").GetGuid(),
        };
        await _scenario.AssignAsync(ids["handover_id"], ownerId);
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(_scenario.Vendor(), $"/v2/vendor/opportunities/projects/{ids["project_id"]}/return", new { note = "x" }));

        var other = _scenario.Partner(await _scenario.PcePartnerAsync());
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v2/partners/", StringComparison.Ordinal) && e.RoutePattern.Parameters.Count > 0)
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} id endpoints found");

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, m => ids[m.Groups[1].Value].ToString());
            object? body = method == "GET" ? null : new { stage = "qualified", note = "n", reason = "r", name = "n", description = "d", products = new[] { "p" } };
            var response = await Scenario.SendAsync(other, new HttpMethod(method), path, body, ifMatch: "\"1\"");
            await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, "CBC.0156");
        }

        // The owner still reaches every one of them.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/v2/partners/opportunities/{ids["opportunity_id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/v2/partners/opportunities/handovers/{ids["handover_id"]}")).StatusCode);
    }

    [Fact]
    public async Task Every_vendor_endpoint_refuses_a_partner_token()
    {
        var partner = _scenario.Partner(await _scenario.PcePartnerAsync());
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v2/vendor/", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} vendor endpoints found");

        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods[0];
            var path = RouteParameter().Replace(endpoint.RoutePattern.RawText!, _ => Guid.NewGuid().ToString());
            var response = await Scenario.SendAsync(partner, new HttpMethod(method), path, method == "GET" ? null : new { note = "n" }, idempotencyKey: Guid.NewGuid().ToString("N"));
            await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
        }
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
