using System.Net;
using Coupons.Api;
using Coupons.Tests.Support;

namespace Coupons.Tests;

/// <summary>Authentication, the error catalogue, the reference enums and the OpenAPI document.</summary>
[Collection(CouponsCollection.Name)]
public sealed class ServiceSurfaceTests(CouponsApiFactory api)
{
    [Theory]
    [InlineData("POST", "/v2/partners/coupon-quotas/query")]
    [InlineData("POST", "/v2/promotions/benefits/partner-coupons")]
    [InlineData("GET", "/v2/customers/me/coupons")]
    [InlineData("POST", "/v2/coupons/6b1f0c3e-0000-4000-8000-000000000000/redemptions")]
    [InlineData("GET", "/v2/promotions/benefits/partner-coupons/records/query")]
    public async Task Requests_without_a_valid_token_are_401_with_CBC_0154(string method, string path)
    {
        using var anonymous = api.Client(null);
        await (await anonymous.SendAsync(new HttpMethod(method), path, new { }, null, null)).IsProblem(HttpStatusCode.Unauthorized, "CBC.0154");
        using var garbled = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, "not-a-token");
        await (await garbled.SendAsync(new HttpMethod(method), path, new { }, null, null)).IsProblem(HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_token_signed_with_a_foreign_key_is_refused()
    {
        var forged = TestTokens.ForeignFor(Scenario.Partner(Guid.NewGuid()), api.Clock.GetUtcNow());
        using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, forged);
        await (await client.PostAsync("/v2/partners/coupon-quotas/query", new { })).IsProblem(HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = api.IssueToken(Scenario.Partner(Guid.NewGuid()), TimeSpan.FromMinutes(5));
        api.Clock.Advance(TimeSpan.FromMinutes(6));
        using var client = new ApiClient(new HttpClient { BaseAddress = api.BaseAddress }, token);
        await (await client.PostAsync("/v2/partners/coupon-quotas/query", new { })).IsProblem(HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task Issuing_needs_the_issue_permission_item_and_a_partner_caller()
    {
        using var noPermission = api.Client(Scenario.Partner(Guid.NewGuid(), permissions: ["coupons.recall"]));
        await (await noPermission.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new { quota_id = Guid.NewGuid(), customer_ids = new[] { Guid.NewGuid() }, face_value = 1.00m }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.0155");
        using var customer = api.Client(Scenario.Customer(Guid.NewGuid()));
        await (await customer.PostAsync("/v2/partners/coupon-quotas/query", new { })).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task The_error_catalogue_serves_every_code_of_the_service()
    {
        using var anonymous = api.Client(null);
        var body = await (await anonymous.GetAsync("/v2/reference/error-codes")).IsSuccess();
        var served = body.GetProperty("error_codes").EnumerateArray().ToDictionary(e => e.GetProperty("error_code").GetString()!, e => e.GetProperty("status").GetInt32());

        foreach (var code in CouponsErrors.All)
        {
            Assert.Equal(code.Status, served[code.Code]);
        }

        Assert.Contains("CBC.0156", served.Keys);
        Assert.Contains("CBC.50000055", served.Keys);
        Assert.Contains("CBC.99000048", served.Keys);
    }

    [Fact]
    public async Task Every_code_of_the_service_is_documented_in_its_readme()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "services", "Coupons", "README.md"));
        Assert.All(CouponsErrors.All, code => Assert.Contains($"`{code.Code}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_code_of_the_service_is_asserted_by_some_test()
    {
        var testSources = string.Join('\n', await Task.WhenAll(
            Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "tests", "Coupons.Tests"), "*Tests.cs").Select(path => File.ReadAllTextAsync(path))));
        var unasserted = CouponsErrors.All.Where(code => !testSources.Contains($"\"{code.Code}\"", StringComparison.Ordinal)).Select(code => code.Code).ToList();
        Assert.Empty(unasserted);
    }

    [Theory]
    [InlineData("quota-types", "cash_coupon")]
    [InlineData("quota-statuses", "adjusting")]
    [InlineData("coupon-statuses", "recalled")]
    [InlineData("operation-types", "whitelist_imported")]
    [InlineData("billing-modes", "on_demand")]
    public async Task Enums_are_served_for_clients(string name, string value)
    {
        using var anonymous = api.Client(null);
        var body = await (await anonymous.GetAsync($"/v2/reference/{name}")).IsSuccess();
        Assert.Contains(value, body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        await (await anonymous.GetAsync("/v2/reference/colours")).IsProblem(HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task The_openapi_document_names_summarises_and_tags_every_endpoint()
    {
        using var anonymous = api.Client(null);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).IsSuccess();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();

        Assert.Contains(operations, o => o.Path == "/v2/promotions/benefits/partner-coupons" && o.Method == "post");
        Assert.Contains(operations, o => o.Path == "/v2/partners/coupon-quotas/indirect-partner-reclaim");
        Assert.Contains(operations, o => o.Path == "/v2/promotions/benefits/partner-coupons/records/query");
        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.TryGetProperty("operationId", out var id) && id.GetString()!.Length > 0, $"{o.Method} {o.Path} has no name");
            Assert.True(o.Operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{o.Method} {o.Path} has no summary");
            Assert.True(o.Operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{o.Method} {o.Path} has no tags");
        });
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
