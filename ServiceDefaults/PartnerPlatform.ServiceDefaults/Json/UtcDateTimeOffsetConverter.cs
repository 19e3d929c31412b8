using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Writes <see cref="DateTimeOffset"/> in UTC as <c>2026-11-21T08:00:00Z</c> (fractional seconds
/// only when present); reads ISO-8601 values that carry an offset or <c>Z</c> and rejects values
/// without one, which would otherwise be read in the server's local time.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !HasOffset(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            || text.Length < 11 || text[10] != 'T')
        {
            throw new JsonException("Expected an ISO-8601 timestamp with an offset, such as 2026-11-21T08:00:00Z.");
        }

        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        // ±hh:mm after the time part.
        var timeStart = text.IndexOf('T', StringComparison.Ordinal);
        return timeStart > 0 && text.AsSpan(timeStart).IndexOfAny('+', '-') > 0;
    }
}
