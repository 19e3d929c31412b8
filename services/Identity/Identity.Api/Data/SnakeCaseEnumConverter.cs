using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Identity.Api.Data;

/// <summary>Stores an enum as its snake_case name (<c>RoleCertified</c> → <c>role_certified</c>), the same spelling the API uses.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseNames.ToSnakeCase(value.ToString()),
    text => Enum.Parse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), true))
    where TEnum : struct, Enum;
