using System.Net;
using Opportunities.Api;
using Opportunities.Tests.Support;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>The error catalogue and the enums are served; every endpoint is named and summarised.</summary>
public sealed class ServiceSurfaceTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    [Fact]
    public async Task The_error_catalogue_serves_every_code_of_the_service_once()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.BaseAddress };
        var catalogue = await ProblemAssert.IsSuccess(await anonymous.GetAsync("/v2/reference/error-codes"));
        var codes = catalogue.GetProperty("error_codes").EnumerateArray().Select(c => c.GetProperty("error_code").GetString()).ToList();
        Assert.All(OpportunitiesErrors.All, e => Assert.Single(codes, c => c == e.Code));
        Assert.Equal(OpportunitiesErrors.All.Count, OpportunitiesErrors.All.Select(e => e.Code).Distinct().Count());
        Assert.All(OpportunitiesErrors.All, e => Assert.StartsWith("CBC.99002", e.Code));
    }

    [Fact]
    public async Task Enums_are_served_for_clients()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.BaseAddress };
        var reasons = await ProblemAssert.IsSuccess(await anonymous.GetAsync("/v2/reference/rejection-reasons"));
        Assert.Equal(7, reasons.GetProperty("values").GetArrayLength());
        Assert.Contains(reasons.GetProperty("values").EnumerateArray(), v => v.GetString() == "not_cloud_related");
        var stages = await ProblemAssert.IsSuccess(await anonymous.GetAsync("/v2/reference/stages"));
        Assert.Equal(["qualified", "solution_validation", "business_negotiation", "won", "delivered", "lost"], stages.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/v2/reference/colours"), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task The_openapi_document_names_and_summarises_every_operation()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.BaseAddress };
        var document = await ProblemAssert.IsSuccess(await anonymous.GetAsync("/openapi/v1.json"));
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put")).Select(o => o.Value).ToList();
        Assert.True(operations.Count > 40);
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty(o.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(o.GetProperty("summary").GetString()));
            Assert.True(o.GetProperty("tags").GetArrayLength() > 0);
        });
        var create = operations.Single(o => o.GetProperty("operationId").GetString() == "CreateOpportunity");
        var example = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("CNY", example.GetProperty("budget").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Calls_without_a_token_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = factory.BaseAddress };
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/v2/partners/opportunities"), HttpStatusCode.Unauthorized, "CBC.0154");
        var vendorOnly = new Scenario(factory).Client(Scenario.PartnerCaller(Guid.NewGuid()));
        await ProblemAssert.IsProblem(await vendorOnly.GetAsync("/v2/vendor/opportunities/handovers"), HttpStatusCode.Forbidden, "CBC.0151");
    }
}
