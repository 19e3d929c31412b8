using System.Net;
using System.Text.Json;
using Resellers.Api;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>What the service publishes about itself: OpenAPI, error codes, health.</summary>
[Collection(ApiCollection.Name)]
public sealed class ServiceSurfaceTests(ResellersApiFactory api)
{
    [Fact]
    public async Task Every_operation_in_the_openapi_document_has_a_name_a_summary_and_a_tag()
    {
        var response = await api.CreateCallerClient(null).GetAsync("/openapi/v1.json");

        var document = await ProblemAssert.IsSuccess(response);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();
        Assert.Contains(operations, o => o.Path == "/v2/partners/indirect-partners/query" && o.Method == "post");
        Assert.True(operations.Count >= 30, $"Only {operations.Count} operations.");
        Assert.All(operations, o =>
        {
            Assert.True(o.Operation.TryGetProperty("operationId", out var id) && id.GetString()!.Length > 0, $"{o.Method} {o.Path} has no name");
            Assert.True(o.Operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{o.Method} {o.Path} has no summary");
            Assert.True(o.Operation.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{o.Method} {o.Path} has no tag");
        });
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task The_error_catalogue_serves_the_service_codes_with_the_generic_ones()
    {
        var body = await ProblemAssert.IsSuccess(await api.CreateCallerClient(null).GetAsync("/v2/reference/error-codes"));

        var codes = body.GetProperty("error_codes").EnumerateArray().ToDictionary(e => e.GetProperty("error_code").GetString()!, e => e.GetProperty("status").GetInt32());
        Assert.All(ResellersErrors.All, error => Assert.Equal(error.Status, codes[error.Code]));
        Assert.Equal(409, codes["CBC.0150"]);
        Assert.Equal(404, codes["CBC.0156"]);
    }

    [Theory]
    [InlineData("link-states", "vendor_approved")]
    [InlineData("link-origins", "quick_join")]
    [InlineData("link-actions", "approve")]
    [InlineData("join-blocker-reasons", null)]
    [InlineData("improvement-plan-states", null)]
    [InlineData("handling-options", "voluntary_exit")]
    public async Task An_enum_of_the_api_is_served_anonymously_in_snake_case(string name, string? expected)
    {
        var body = await ProblemAssert.IsSuccess(await api.CreateCallerClient(null).GetAsync($"/v2/reference/{name}"));

        Assert.Equal(name, body.GetProperty("name").GetString());
        var values = body.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Equal(v.ToLowerInvariant(), v));
        if (expected is not null)
        {
            Assert.Contains(expected, values);
        }
    }

    [Fact]
    public async Task An_unknown_enum_name_is_not_found()
    {
        await ProblemAssert.IsProblem(await api.CreateCallerClient(null).GetAsync("/v2/reference/colours"), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task The_readme_documents_every_service_error_code()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "services", "Resellers", "README.md"));

        Assert.All(ResellersErrors.All, error => Assert.Contains(error.Code, readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_broker()
    {
        var response = await api.CreateCallerClient(null).GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("eventbus", text, StringComparison.Ordinal);
        Assert.Contains("postgres-resellersdb", text, StringComparison.Ordinal);
        _ = JsonDocument.Parse(text);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
