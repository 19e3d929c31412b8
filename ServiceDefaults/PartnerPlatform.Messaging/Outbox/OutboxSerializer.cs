using System.Collections.Concurrent;
using System.Text.Json;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>How events are written into and read back from outbox rows.</summary>
internal static class OutboxSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, Type?> TypesByName = new(StringComparer.Ordinal);

    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), Options);

    /// <summary>The event of a row, or an explanation of why it cannot be read.</summary>
    public static (object? Event, Type? Type, string? Error) Deserialize(string typeName, string payload)
    {
        var type = TypesByName.GetOrAdd(typeName, static name => Type.GetType(name, throwOnError: false));
        if (type is null)
        {
            return (null, null, $"Unknown event type '{typeName}'.");
        }

        try
        {
            var @event = JsonSerializer.Deserialize(payload, type, Options);
            return @event is null ? (null, type, "The payload is JSON null.") : (@event, type, null);
        }
        catch (JsonException ex)
        {
            return (null, type, $"The payload does not fit '{typeName}': {ex.Message}");
        }
    }
}
