using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Builds an example for every JSON request body and 2xx response that has none, from its schema:
/// the property names as serialised (snake_case), ids, dates, emails and links in their formats, an
/// enum's first value, arrays of one item, nested objects, numbers within their bounds.
/// </summary>
internal static class OpenApiExamples
{
    // Cycles are cut by the schemas being visited; the depth only bounds pathological nesting.
    private const int MaxDepth = 64;

    public static void AddMissing(OpenApiDocument document)
    {
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []))
        {
            Fill(operation.RequestBody?.Content, document);
            foreach (var response in operation.Responses ?? [])
            {
                if (response.Key.StartsWith('2'))
                {
                    Fill(response.Value.Content, document);
                }
            }
        }
    }

    private static void Fill(IDictionary<string, OpenApiMediaType>? content, OpenApiDocument document)
    {
        foreach (var (mediaType, media) in content ?? new Dictionary<string, OpenApiMediaType>())
        {
            if (IsJson(mediaType) && media.Example is null && media.Schema is not null)
            {
                media.Example = Build(media.Schema, document, depth: 0, visiting: []);
            }
        }
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && !mediaType.Equals(Problems.ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>An example value for <paramref name="schema"/>; null where none can be made (a cycle, an empty schema).</summary>
    internal static JsonNode? Build(IOpenApiSchema schema, OpenApiDocument document, int depth, HashSet<string> visiting)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        if (schema is OpenApiSchemaReference reference)
        {
            var id = reference.Reference.Id;
            if (id is null || !visiting.Add(id)
                || document.Components?.Schemas?.TryGetValue(id, out var target) != true || target is null)
            {
                return null;
            }

            try
            {
                return Build(target, document, depth + 1, visiting);
            }
            finally
            {
                visiting.Remove(id);
            }
        }

        if (schema.Examples?.FirstOrDefault(example => example is not null) is { } given)
        {
            return given.DeepClone();
        }

        if (schema.Enum?.FirstOrDefault(value => value is not null) is { } first)
        {
            return first.DeepClone();
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var merged = new JsonObject();
            foreach (var part in allOf)
            {
                if (Build(part, document, depth + 1, visiting) is JsonObject partExample)
                {
                    foreach (var (name, value) in partExample.ToList())
                    {
                        partExample.Remove(name);
                        merged[name] = value;
                    }
                }
            }

            return merged;
        }

        if ((schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf) is { Count: > 0 } choices)
        {
            return choices.Where(choice => !IsNullOnly(choice)).Select(choice => Build(choice, document, depth + 1, visiting)).FirstOrDefault(example => example is not null);
        }

        if (schema.Default is not null)
        {
            return schema.Default.DeepClone();
        }

        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null);
        if (type is null)
        {
            return null;
        }

        var kind = type.Value == JsonSchemaType.Null ? type.Value : type.Value & ~JsonSchemaType.Null;
        return kind switch
        {
            _ when kind.HasFlag(JsonSchemaType.Object) => ObjectExample(schema, document, depth, visiting),
            _ when kind.HasFlag(JsonSchemaType.Array) => ArrayExample(schema, document, depth, visiting),
            _ when kind.HasFlag(JsonSchemaType.Integer) => JsonValue.Create((long)Within(schema, 1m)),
            _ when kind.HasFlag(JsonSchemaType.Number) => JsonValue.Create(Within(schema, 100.5m)),
            _ when kind.HasFlag(JsonSchemaType.Boolean) => JsonValue.Create(true),
            _ when kind.HasFlag(JsonSchemaType.String) => JsonValue.Create(StringExample(schema)),
            _ => null,
        };
    }

    private static bool IsNullOnly(IOpenApiSchema schema) => schema.Type == JsonSchemaType.Null;

    private static JsonObject ObjectExample(IOpenApiSchema schema, OpenApiDocument document, int depth, HashSet<string> visiting)
    {
        var example = new JsonObject();
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var value = Build(property, document, depth + 1, visiting);
            if (value is not null || (property.Type is { } type && type.HasFlag(JsonSchemaType.Null)))
            {
                example[name] = value;
            }
        }

        // A page (PagedResponse): its items' array beside total_count.
        if (schema.AdditionalProperties is { } additional && example.Count > 0 && Build(additional, document, depth + 1, visiting) is JsonArray items)
        {
            example["items"] = items;
        }

        return example;
    }

    private static JsonArray ArrayExample(IOpenApiSchema schema, OpenApiDocument document, int depth, HashSet<string> visiting)
    {
        var item = schema.Items is null ? null : Build(schema.Items, document, depth + 1, visiting);
        return item is null || schema.MaxItems == 0 ? [] : [item];
    }

    private static decimal Within(IOpenApiSchema schema, decimal preferred)
    {
        var value = preferred;
        if (Parse(schema.Minimum) is { } minimum && value < minimum)
        {
            value = minimum;
        }

        if (Parse(schema.Maximum) is { } maximum && value > maximum)
        {
            value = maximum;
        }

        return value;
    }

    private static decimal? Parse(string? bound) =>
        decimal.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string StringExample(IOpenApiSchema schema)
    {
        var text = schema.Format?.ToLowerInvariant() switch
        {
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "date-time" => "2026-12-01T08:00:00+08:00",
            "date" => "2026-12-01",
            "time" => "08:00:00",
            "email" => "someone@example.com",
            "uri" or "url" => "https://example.com/",
            "int32" or "int64" => "1",
            "double" or "float" or "decimal" => "100.5",
            _ => "example",
        };
        if (schema.MinLength is { } minLength && text.Length < minLength)
        {
            text = text.PadRight(minLength, 'x');
        }

        if (schema.MaxLength is { } maxLength && text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        return text;
    }
}
