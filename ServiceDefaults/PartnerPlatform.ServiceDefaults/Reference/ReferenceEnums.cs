using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Enum values as the API writes them: snake_case (<c>OrderOnBehalf</c> → <c>order_on_behalf</c>).</summary>
public static class SnakeCaseEnum
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Values<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Name)];

    /// <summary>A query-string value: null when absent; 400 CBC.0100 naming <paramref name="field"/> and the values when not one of them.</summary>
    public static TEnum? ParseOptional<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Name(candidate) == value)
            {
                return candidate;
            }
        }

        throw FieldValidation.Invalid(field, $"{field} is one of: {string.Join(", ", Values<TEnum>())}.");
    }
}

/// <summary>The enums a service answers at <c>GET /v2/reference/{enum}</c>, by name.</summary>
public sealed class ReferenceEnumOptions
{
    internal Dictionary<string, Func<IServiceProvider, IReadOnlyList<string>>> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyCollection<string> Names => Enums.Keys;
}

/// <summary>An enum's values (<c>{name, values}</c>).</summary>
public sealed record ReferenceEnumView(string Name, IReadOnlyList<string> Values);

/// <summary>
/// Every service serves the enums of its API at <c>GET /v2/reference/{enum}</c> (anonymous), so
/// clients can tell a new value from a bad one: register each once with
/// <see cref="AddReferenceEnum{TEnum}"/> (names are kebab-case plurals, unique across the platform
/// because the gateway routes each name to its owner) and map <see cref="MapReferenceEnums"/>.
/// An unknown name is 404 CBC.0156.
/// </summary>
public static class ReferenceEnumExtensions
{
    public const string Path = "/v2/reference/{enum_name}";

    /// <summary>Serves <typeparamref name="TEnum"/>'s values in snake_case under <paramref name="name"/>.</summary>
    public static IServiceCollection AddReferenceEnum<TEnum>(this IServiceCollection services, string name)
        where TEnum : struct, Enum
    {
        var values = SnakeCaseEnum.Values<TEnum>();
        return services.AddReferenceEnum(name, _ => values);
    }

    /// <summary>Serves a list of values that is not a C# enum (permission items, configured catalogues).</summary>
    public static IServiceCollection AddReferenceEnum(this IServiceCollection services, string name, Func<IServiceProvider, IReadOnlyList<string>> values)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || name == "error-codes")
        {
            throw new ArgumentException($"'{name}' is not a reference enum name: kebab-case, not error-codes.", nameof(name));
        }

        services.Configure<ReferenceEnumOptions>(options =>
        {
            if (!options.Enums.TryAdd(name, values))
            {
                throw new InvalidOperationException($"The reference enum '{name}' is registered twice.");
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapReferenceEnums(this IEndpointRouteBuilder app)
    {
        var names = app.ServiceProvider.GetRequiredService<IOptions<ReferenceEnumOptions>>().Value.Names;
        app.MapGet(Path, Get)
            .WithTags("Reference")
            .WithName("GetReferenceEnum")
            .WithSummary("Values of an enum: " + string.Join(", ", names))
            .AllowAnonymous();
        return app;
    }

    private static Ok<ReferenceEnumView> Get(
        [FromRoute(Name = "enum_name")] string enumName, IOptions<ReferenceEnumOptions> options, IServiceProvider services) =>
        options.Value.Enums.TryGetValue(enumName, out var values)
            ? TypedResults.Ok(new ReferenceEnumView(enumName, values(services)))
            : throw ApiException.NotFound($"There is no enum '{enumName}'.");
}
