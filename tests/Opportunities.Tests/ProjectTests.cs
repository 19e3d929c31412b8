using System.Net;
using Opportunities.Tests.Support;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>Project registration and its vendor review.</summary>
public sealed class ProjectTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    private static object Project(decimal spending, bool overseas = false, string currency = "CNY") => new
    {
        project_name = "Smart port platform",
        description = "Port logistics platform on the cloud.",
        customer_name = "Yantian Port",
        annual_cloud_spending = new { amount = spending, currency },
        overseas,
    };

    [Fact]
    public async Task An_approved_project_publishes_what_the_subsidy_rule_needs()
    {
        var partnerId = Guid.NewGuid();
        var partner = _scenario.Partner(partnerId);
        var vendor = _scenario.Vendor();
        var created = await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities/projects", Project(125_000m, overseas: true, currency: "USD"), key: true), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("submitted", created.GetProperty("status").GetString());

        await ProblemAssert.IsProblem(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/projects/{id}/return", new { }), HttpStatusCode.BadRequest, "CBC.0100");
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/projects/{id}/return", new { note = "Add the customer's budget letter." }));
        await ProblemAssert.IsProblem(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/projects/{id}/approve", new { }), HttpStatusCode.Conflict, "CBC.0150");
        await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, $"/v2/partners/opportunities/projects/{id}/resubmit", Project(150_000m, overseas: true, currency: "USD")));
        await ProblemAssert.IsProblem(
            await Scenario.PostAsync(partner, $"/v2/partners/opportunities/projects/{id}/resubmit", Project(150_000m, overseas: true, currency: "USD")), HttpStatusCode.Conflict, "CBC.99002060");
        var approved = await ProblemAssert.IsSuccess(await Scenario.PostAsync(vendor, $"/v2/vendor/opportunities/projects/{id}/approve", new { }));
        Assert.Equal("approved", approved.GetProperty("status").GetString());

        var e = Assert.Single(await _scenario.SentAsync<ProjectApproved>(p => p.GetProperty("projectId").GetGuid() == id));
        Assert.Equal(partnerId, e.GetProperty("partnerId").GetGuid());
        Assert.Equal(150_000m, e.GetProperty("annualCloudSpending").GetDecimal());
        Assert.Equal("USD", e.GetProperty("currency").GetString());
        Assert.True(e.GetProperty("overseas").GetBoolean());
        await _scenario.SentAsync<ProjectRegistered>(p => p.GetProperty("projectId").GetGuid() == id);
    }

    [Fact]
    public async Task Vendor_staff_list_the_projects_waiting_for_review()
    {
        var partner = _scenario.Partner(Guid.NewGuid());
        var id = (await ProblemAssert.IsSuccess(await Scenario.PostAsync(partner, "/v2/partners/opportunities/projects", Project(1_000_000m), key: true), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var waiting = await Scenario.GetJsonAsync(_scenario.Vendor(), "/v2/vendor/opportunities/projects?status=submitted&limit=100");
        Assert.Contains(waiting.GetProperty("projects").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        await ProblemAssert.IsProblem(await Scenario.PostAsync(partner, "/v2/partners/opportunities/projects", Project(0m), key: true), HttpStatusCode.BadRequest, "CBC.0100");
    }
}
