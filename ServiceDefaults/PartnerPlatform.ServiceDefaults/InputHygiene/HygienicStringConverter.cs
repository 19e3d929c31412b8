using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Reads JSON strings and refuses one that holds a NUL character (see <see cref="TextHygiene"/>):
/// the serializer adds the JSON path, which the exception handler turns into the field name.
/// </summary>
internal sealed class HygienicStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return TextHygiene.IsAcceptable(value) ? value : throw new InvalidCharacterException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString()!;
        return TextHygiene.IsAcceptable(value) ? value : throw new InvalidCharacterException();
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);
}

/// <summary>A JSON string value held a NUL character.</summary>
public sealed class InvalidCharacterException() : JsonException("The value contains a NUL character (U+0000).");
