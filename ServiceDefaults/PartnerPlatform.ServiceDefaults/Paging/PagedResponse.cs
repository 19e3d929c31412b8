using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// One page of a list: serialized as <c>{ "total_count": 42, "&lt;items_name&gt;": [ … ] }</c>, for
/// example <c>new PagedResponse&lt;CouponView&gt;("coupons", total, page)</c>.
/// </summary>
[JsonConverter(typeof(PagedResponseConverterFactory))]
public sealed class PagedResponse<T>(string itemsName, long totalCount, IReadOnlyList<T> items)
{
    /// <summary>snake_case name of the array, e.g. <c>coupons</c>.</summary>
    public string ItemsName { get; } = itemsName;

    public long TotalCount { get; } = totalCount;

    public IReadOnlyList<T> Items { get; } = items;
}

internal sealed class PagedResponseConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(PagedResponse<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PagedResponseConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

internal sealed class PagedResponseConverter<T> : JsonConverter<PagedResponse<T>>
{
    private const string TotalCountName = "total_count";

    public override PagedResponse<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A page is a JSON object.");
        }

        long? totalCount = null;
        string? itemsName = null;
        IReadOnlyList<T>? items = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == TotalCountName)
            {
                totalCount = reader.GetInt64();
            }
            else if (reader.TokenType == JsonTokenType.StartArray && itemsName is null)
            {
                itemsName = name;
                items = JsonSerializer.Deserialize<List<T>>(ref reader, options);
            }
            else
            {
                reader.Skip();
            }
        }

        return totalCount is null || itemsName is null || items is null
            ? throw new JsonException("A page carries total_count and one array.")
            : new PagedResponse<T>(itemsName, totalCount.Value, items);
    }

    public override void Write(Utf8JsonWriter writer, PagedResponse<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(TotalCountName, value.TotalCount);
        writer.WritePropertyName(value.ItemsName);
        JsonSerializer.Serialize(writer, value.Items, options);
        writer.WriteEndObject();
    }
}
