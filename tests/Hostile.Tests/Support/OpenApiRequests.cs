using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hostile.Tests.Support;

/// <summary>One operation of a service's OpenAPI document that takes a JSON body (and whether it takes an <c>Idempotency-Key</c>).</summary>
public sealed record BodyOperation(string Method, string PathTemplate, JsonElement Schema, bool TakesIdempotencyKey = false)
{
    public override string ToString() => $"{Method} {PathTemplate}";
}

/// <summary>
/// Reads a service's OpenAPI document and builds requests from it: every operation with a JSON
/// body, a path with its parameters filled, and a body whose every string field holds the given
/// text (enums, dates and ids get a valid value so the text reaches as deep as it can).
/// </summary>
public sealed class OpenApiRequests(JsonElement document)
{
    private static readonly string[] WriteMethods = ["post", "put", "patch"];

    public IReadOnlyList<BodyOperation> BodyOperations()
    {
        var operations = new List<BodyOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => WriteMethods.Contains(o.Name)))
            {
                if (operation.Value.TryGetProperty("requestBody", out var body)
                    && body.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema))
                {
                    var takesKey = operation.Value.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p =>
                        p.TryGetProperty("in", out var place) && place.GetString() == "header"
                        && p.TryGetProperty("name", out var name) && string.Equals(name.GetString(), "Idempotency-Key", StringComparison.OrdinalIgnoreCase));
                    operations.Add(new BodyOperation(operation.Name.ToUpperInvariant(), path.Name, schema, takesKey));
                }
            }
        }

        return operations;
    }

    /// <summary>The path with every <c>{parameter}</c> replaced by a fresh id.</summary>
    public static string Path(BodyOperation operation) =>
        System.Text.RegularExpressions.Regex.Replace(operation.PathTemplate, "{[^}]+}", _ => Guid.NewGuid().ToString());

    public JsonNode? Body(JsonElement schema, string text, int depth = 0)
    {
        schema = Resolve(schema);
        if (depth > 6)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            var first = oneOf.EnumerateArray().Select(Resolve).FirstOrDefault(s => TypeOf(s) != "null");
            return first.ValueKind == JsonValueKind.Undefined ? null : Body(first, text, depth + 1);
        }

        return TypeOf(schema) switch
        {
            "object" => ObjectBody(schema, text, depth),
            "array" => schema.TryGetProperty("items", out var items) ? new JsonArray(Body(items, text, depth + 1)) : new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5m),
            "boolean" => JsonValue.Create(true),
            "string" => StringValue(schema, text),
            _ => null,
        };
    }

    private JsonObject ObjectBody(JsonElement schema, string text, int depth)
    {
        var body = new JsonObject();
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                body[property.Name] = Body(property.Value, text, depth + 1);
            }
        }

        return body;
    }

    private static JsonNode StringValue(JsonElement schema, string text) =>
        (schema.TryGetProperty("format", out var format) ? format.GetString() : null) switch
        {
            "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
            "date-time" => JsonValue.Create("2026-12-01T08:00:00Z"),
            "date" => JsonValue.Create("2026-12-01"),
            _ => JsonValue.Create(text),
        };

    private static string? TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        // OpenAPI 3.1 writes nullable types as ["string", "null"].
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var name = reference.GetString()!.Split('/').Last();
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }
}
