using System.Text.Json;
using System.Text.Json.Serialization;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>
/// The keys access tokens are signed with, as a JSON Web Key Set, and the OpenID configuration
/// that points to it: what the gateway and every service validate tokens against.
/// </summary>
public static class WellKnownApi
{
    // JWK member names are fixed by RFC 7517 and must not go through the API's snake_case policy.
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static IEndpointRouteBuilder MapWellKnownApi(this IEndpointRouteBuilder app)
    {
        var wellKnown = app.MapGroup("").WithTags("Keys").AllowAnonymous();
        wellKnown.MapGet(PlatformAuthentication.JwksPath, GetJwksAsync)
            .WithName("GetJwks")
            .WithSummary("The public keys access tokens are signed with (current, next and recently retired), as a JSON Web Key Set");
        wellKnown.MapGet(PlatformAuthentication.MetadataPath, GetOpenIdConfiguration)
            .WithName("GetOpenIdConfiguration")
            .WithSummary("The issuer and where its keys are published");
        return app;
    }

    public static async Task<IResult> GetJwksAsync(SigningKeys signingKeys, HttpContext context, CancellationToken cancellationToken)
    {
        var keys = (await signingKeys.PublishedKeysAsync(cancellationToken)).Select(key =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
            return new PublishedKey(jwk.Kty, "sig", AccessTokens.Algorithm, jwk.Kid, jwk.Crv, jwk.X, jwk.Y);
        });
        context.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Json(new JsonWebKeySetView([.. keys]), Json);
    }

    public static IResult GetOpenIdConfiguration(HttpContext context, IOptions<PlatformAuthenticationOptions> options)
    {
        var request = context.Request;
        return Results.Json(
            new OpenIdConfigurationView(options.Value.Issuer, $"{request.Scheme}://{request.Host}{request.PathBase}{PlatformAuthentication.JwksPath}", [AccessTokens.Algorithm]),
            Json);
    }

    public sealed record JsonWebKeySetView([property: JsonPropertyName("keys")] IReadOnlyList<PublishedKey> Keys);

    public sealed record PublishedKey(
        [property: JsonPropertyName("kty")] string Kty,
        [property: JsonPropertyName("use")] string Use,
        [property: JsonPropertyName("alg")] string Alg,
        [property: JsonPropertyName("kid")] string Kid,
        [property: JsonPropertyName("crv")] string Crv,
        [property: JsonPropertyName("x")] string X,
        [property: JsonPropertyName("y")] string Y);

    public sealed record OpenIdConfigurationView(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("id_token_signing_alg_values_supported")] IReadOnlyList<string> SigningAlgorithms);
}
