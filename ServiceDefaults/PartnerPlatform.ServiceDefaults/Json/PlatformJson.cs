using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The platform's JSON rules: snake_case names, enums as snake_case strings, <see cref="DateTimeOffset"/>
/// as UTC ISO-8601 ending in <c>Z</c>, constructor parameters required and nullable annotations
/// respected (a missing or null non-nullable field is a 400, not a silent null), and no string
/// holding a NUL character (<see cref="TextHygiene"/>).
/// </summary>
public static class PlatformJson
{
    /// <summary>A shared, read-only instance for clients and tests.</summary>
    public static JsonSerializerOptions Options { get; } = CreateReadOnly();

    /// <summary>Applies the platform's rules to options created elsewhere (HTTP JSON options, messaging…).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.Converters.Add(new HygienicStringConverter());
        return options;
    }

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
