using System.Text.Json;
using Docs.Tests.Support;
using Json.Schema;

namespace Docs.Tests;

/// <summary>
/// Every JSON request body, 2xx response and problem response of every document carries an
/// example, and every example is valid against its schema (JSON Schema 2020-12, the dialect of
/// OpenAPI 3.1, with the document's components as definitions).
/// </summary>
[Collection(DocsPlatformCollection.Name)]
public sealed class OpenApiExampleTests(DocsPlatform platform)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static TheoryData<string> Services => [.. DocsPlatform.ServiceNames];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_body_and_answer_has_an_example_valid_against_its_schema(string service)
    {
        var document = await platform.OpenApiDocumentAsync(service);
        var definitions = document.GetProperty("components").GetProperty("schemas").GetRawText();
        var failures = new List<string>();
        var checkedExamples = 0;

        foreach (var (name, operation) in Operations(document))
        {
            foreach (var (where, media) in MediaOf(operation))
            {
                if (!media.TryGetProperty("schema", out var schema))
                {
                    continue;
                }

                if (!media.TryGetProperty("example", out var example))
                {
                    failures.Add($"{name} {where}: no example");
                    continue;
                }

                checkedExamples++;
                var problems = Validate(schema, example, definitions);
                if (problems is not null)
                {
                    failures.Add($"{name} {where}: example {example.GetRawText()} is not valid: {problems}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.True(checkedExamples > 0);
    }

    [Fact]
    public async Task A_generated_example_uses_the_wire_names_formats_and_enum_values()
    {
        var document = await platform.OpenApiDocumentAsync("identity-api");

        var register = document.GetProperty("paths").GetProperty("/v2/partners/sub-customers/registrations").GetProperty("post");
        var created = register.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.True(Guid.TryParse(created.GetProperty("registration_id").GetString(), out _));
        Assert.True(DateTimeOffset.TryParse(created.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        var associationTypes = document.GetProperty("components").GetProperty("schemas").GetProperty("AssociationType").GetProperty("enum");
        Assert.Equal(associationTypes[0].GetString(), created.GetProperty("association_type").GetString());
        var login = document.GetProperty("paths").GetProperty("/v2/auth/login").GetProperty("post");
        var body = login.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.True(body.TryGetProperty("username", out _));
        Assert.True(body.TryGetProperty("password", out _));
        var token = login.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.True(token.TryGetProperty("access_token", out _));
    }

    [Fact]
    public void A_wrong_example_is_refused_by_the_check()
    {
        var schema = JsonDocument.Parse("""{"$ref":"#/components/schemas/Thing"}""").RootElement;
        var definitions = """{"Thing":{"type":"object","required":["id"],"properties":{"id":{"type":"string","format":"uuid"},"count":{"type":"integer"}}}}""";

        Assert.Null(Validate(schema, JsonDocument.Parse("""{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","count":1}""").RootElement, definitions));
        Assert.NotNull(Validate(schema, JsonDocument.Parse("""{"count":"one"}""").RootElement, definitions));
        Assert.NotNull(Validate(schema, JsonDocument.Parse("""{"id":"not-a-uuid"}""").RootElement, definitions));
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => Methods.Contains(method.Name))
            .Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value)));

    /// <summary>The JSON request body, the JSON 2xx answers and the problem answers of an operation.</summary>
    private static IEnumerable<(string Where, JsonElement Media)> MediaOf(JsonElement operation)
    {
        if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var bodyContent)
            && bodyContent.TryGetProperty("application/json", out var bodyJson))
        {
            yield return ("request body", bodyJson);
        }

        foreach (var response in operation.GetProperty("responses").EnumerateObject())
        {
            if (!response.Value.TryGetProperty("content", out var content))
            {
                continue;
            }

            if (response.Name.StartsWith('2') && content.TryGetProperty("application/json", out var json))
            {
                yield return (response.Name + " answer", json);
            }

            if (content.TryGetProperty("application/problem+json", out var problem))
            {
                yield return (response.Name + " problem", problem);
            }
        }
    }

    /// <summary>Null when <paramref name="example"/> is valid; otherwise what is wrong.</summary>
    private static string? Validate(JsonElement schema, JsonElement example, string definitions)
    {
        var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{definitions}},"allOf":[{{schema.GetRawText()}}]}"""
            .Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var compiled = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://schemas.test/{Guid.NewGuid():N}"));
        var result = compiled.Evaluate(example, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return null;
        }

        return string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")));
    }
}
