using System.Net;
using System.Text.Json;
using Identity.Tests.Support;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class OpenApiTests(SharedApi shared)
{
    [Fact]
    public async Task Every_operation_in_the_openapi_document_has_a_name_a_summary_and_tags()
    {
        var document = await (await shared.Api.GetAsync("/openapi/v1.json")).ReadJsonAsync(HttpStatusCode.OK);

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Operation: op.Value)))
            .ToList();
        Assert.True(operations.Count >= 50, $"Only {operations.Count} operations are documented.");
        var incomplete = operations
            .Where(o => !Has(o.Operation, "operationId") || !Has(o.Operation, "summary") || !o.Operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .ToList();
        Assert.True(incomplete.Count == 0, "Undocumented operations:\n" + string.Join('\n', incomplete));
        Assert.Contains(operations, o => o.Path == "/v2/partners/sub-customers" && o.Operation.GetProperty("operationId").GetString() == "CreateCustomer");
    }

    private static bool Has(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
}
