using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Resellers.Api.Domain;

namespace Resellers.Api.Data;

/// <summary>Stores an enum as its snake_case name, the spelling the API uses (<c>VendorApproved</c> → <c>vendor_approved</c>).</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => Names.Snake(value.ToString()),
    text => Enum.Parse<TEnum>(text.Replace("_", "", StringComparison.Ordinal), true))
    where TEnum : struct, Enum;
