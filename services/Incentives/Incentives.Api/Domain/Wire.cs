using System.Text.Json;

namespace Incentives.Api.Domain;

/// <summary>The snake_case names enums have in events and in the database.</summary>
public static class Wire
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
