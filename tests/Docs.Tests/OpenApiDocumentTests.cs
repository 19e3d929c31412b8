using System.Text.Json;
using Docs.Tests.Support;

namespace Docs.Tests;

/// <summary>Every service's OpenAPI document, fetched through the gateway as the portal does.</summary>
[Collection(DocsPlatformCollection.Name)]
public sealed class OpenApiDocumentTests(DocsPlatform platform)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static TheoryData<string> Services => [.. DocsPlatform.ServiceNames];

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => Methods.Contains(method.Name))
            .Select(method => (path.Name, method.Name, method.Value)));

    private static bool IsPublic(JsonElement operation) =>
        operation.TryGetProperty("x-public", out var marker) && marker.GetBoolean();

    private static IReadOnlyList<string> CodesOf(JsonElement operation, string status) =>
        operation.GetProperty("responses").TryGetProperty(status, out var response) && response.TryGetProperty("x-error-codes", out var codes)
            ? [.. codes.EnumerateArray().Select(c => c.GetProperty("code").GetString()!)]
            : [];

    private static IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_operation_requires_the_bearer_token_or_is_marked_public(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.NotEmpty(Operations(document));
        Assert.All(Operations(document), op =>
        {
            var requiresToken = op.Operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("bearer", out _));
            Assert.True(requiresToken ^ IsPublic(op.Operation), $"{op.Method} {op.Path}: either a bearer requirement or x-public");
            if (requiresToken)
            {
                Assert.Contains("CBC.0154", CodesOf(op.Operation, "401"));
            }
        });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_document_is_titled_with_its_service_name_and_the_api_version(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);

        Assert.Equal(service, document.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("v2", document.GetProperty("info").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Sign_in_is_a_public_operation_and_querying_customers_needs_a_token()
    {
        var document = await platform.OpenApiDocumentAsync("identity-api");

        var login = document.GetProperty("paths").GetProperty("/v2/auth/login").GetProperty("post");
        var query = document.GetProperty("paths").GetProperty("/v2/partners/sub-customers/query").GetProperty("post");
        Assert.True(IsPublic(login));
        Assert.False(login.TryGetProperty("security", out _));
        Assert.DoesNotContain("CBC.0154", CodesOf(login, "401"));
        Assert.Equal(["CBC.99001001"], CodesOf(login, "401"));
        Assert.False(IsPublic(query));
        Assert.Equal("QueryCustomers", query.GetProperty("operationId").GetString());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Operation_ids_are_the_endpoint_names_and_unique(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);

        var ids = Operations(document).Select(op => op.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_error_response_is_a_problem_with_its_codes_and_an_example(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);

        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("Problem", out _));
        Assert.All(Operations(document), op =>
        {
            foreach (var response in op.Operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')))
            {
                var problem = response.Value.GetProperty("content").GetProperty("application/problem+json");
                Assert.Equal("#/components/schemas/Problem", problem.GetProperty("schema").GetProperty("$ref").GetString());
                var codes = CodesOf(op.Operation, response.Name);
                Assert.NotEmpty(codes);
                Assert.Equal(codes[0], problem.GetProperty("example").GetProperty("error_code").GetString());
                Assert.Contains("/v2/reference/error-codes", response.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }

            Assert.Equal(["CBC.0250"], CodesOf(op.Operation, "429"));
            Assert.True(op.Operation.GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
        });
    }

    [Fact]
    public async Task An_operation_on_one_resource_lists_not_found_and_an_update_with_if_match_lists_the_stale_etag()
    {
        var document = await platform.OpenApiDocumentAsync("identity-api");
        var operations = Operations(document).ToList();

        var getCustomer = operations.Single(op => op.Operation.GetProperty("operationId").GetString() == "GetCustomer").Operation;
        Assert.Contains("CBC.0156", CodesOf(getCustomer, "404"));
        var ifMatchUpdates = operations.Where(op => Parameters(op.Operation).Any(p => p.TryGetProperty("name", out var name) && name.GetString() == "If-Match")).ToList();
        Assert.NotEmpty(ifMatchUpdates);
        Assert.All(ifMatchUpdates, op => Assert.Contains("CBC.0157", CodesOf(op.Operation, "412")));
    }

    [Fact]
    public async Task An_idempotent_create_takes_the_idempotency_key_and_lists_its_reuse()
    {
        var document = await platform.OpenApiDocumentAsync("coupons-api");

        var idempotent = Operations(document)
            .Where(op => Parameters(op.Operation).Any(p => p.TryGetProperty("name", out var name) && name.GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header"))
            .ToList();
        Assert.NotEmpty(idempotent);
        Assert.All(idempotent, op => Assert.Contains("CBC.0158", CodesOf(op.Operation, "422")));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Paging_parameters_are_described_once_and_referenced(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);

        var parameters = document.GetProperty("components").GetProperty("parameters");
        Assert.Equal("query", parameters.GetProperty("offset").GetProperty("in").GetString());
        Assert.Equal(100, parameters.GetProperty("limit").GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.All(Operations(document), op => Assert.DoesNotContain(Parameters(op.Operation),
            p => p.TryGetProperty("name", out var name) && name.GetString() is "offset" or "limit"));
    }

    [Fact]
    public async Task Paged_lists_reference_the_shared_paging_parameters()
    {
        var referencing = new List<string>();
        foreach (var service in DocsPlatform.ServiceNames)
        {
            var document = await platform.OpenApiDocumentAsync(service);
            referencing.AddRange(Operations(document)
                .Where(op => Parameters(op.Operation).Any(p => p.TryGetProperty("$ref", out var reference) && reference.GetString() == "#/components/parameters/limit"))
                .Select(op => $"{service} {op.Method} {op.Path}"));
        }

        Assert.NotEmpty(referencing);
    }

    [Fact]
    public async Task A_request_example_given_by_the_service_is_in_its_document()
    {
        var document = await platform.OpenApiDocumentAsync("opportunities-api");

        var create = Operations(document).Single(op => op.Operation.GetProperty("operationId").GetString() == "CreateOpportunity").Operation;
        var example = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("CNY", example.GetProperty("budget").GetProperty("currency").GetString());
    }
}
