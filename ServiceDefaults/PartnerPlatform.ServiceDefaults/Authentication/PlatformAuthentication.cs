using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// JWT access tokens signed by identity-api, validated by the framework's JWT bearer handler
/// against identity-api's published keys (<c>/.well-known/openid-configuration</c> →
/// <c>/.well-known/jwks.json</c>, found through <c>services__identity-api__http__0</c>). The keys
/// are cached and fetched again on a token whose key id is unknown. Every endpoint requires an
/// authenticated caller unless it says <c>AllowAnonymous()</c>.
/// </summary>
public static class PlatformAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The resource name of the token issuer in the service map.</summary>
    public const string IdentityServiceName = "identity-api";

    public const string MetadataPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/.well-known/jwks.json";

    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PlatformAuthenticationOptions>().BindConfiguration(PlatformAuthenticationOptions.SectionName);
        services.AddAuthentication(Scheme).AddJwtBearer(Scheme);
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<PlatformAuthenticationOptions>, IConfiguration, TimeProvider>(
            (jwt, platformOptions, configuration, time) => Configure(jwt, platformOptions.Value, configuration, time));
        // After the handler's own post-configuration has created the configuration manager: a key
        // identity-api stopped publishing must stop validating, so no "last known good" key set
        // (which would keep an unpublished key valid for an hour) is consulted.
        services.AddOptions<JwtBearerOptions>(Scheme).PostConfigure(jwt =>
        {
            if (jwt.ConfigurationManager is BaseConfigurationManager manager)
            {
                manager.UseLastKnownGoodConfiguration = false;
            }
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>identity-api's metadata address: <c>Authentication:MetadataAddress</c>, else from the service map.</summary>
    public static string? IdentityMetadataAddress(IConfiguration configuration, PlatformAuthenticationOptions options)
    {
        if (!string.IsNullOrEmpty(options.MetadataAddress))
        {
            return options.MetadataAddress;
        }

        var identity = configuration[$"services:{IdentityServiceName}:https:0"] ?? configuration[$"services:{IdentityServiceName}:http:0"];
        return string.IsNullOrEmpty(identity) ? null : identity.TrimEnd('/') + MetadataPath;
    }

    private static void Configure(JwtBearerOptions jwt, PlatformAuthenticationOptions options, IConfiguration configuration, TimeProvider time)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new ValidatedTokenCache(time) { MapInboundClaims = false });
        jwt.TimeProvider = time;
        jwt.RefreshOnIssuerKeyNotFound = true;
        jwt.AutomaticRefreshInterval = options.KeysRefreshInterval;
        jwt.RefreshInterval = options.KeysMinimumRefreshInterval;
        // Inside the cluster identity-api answers plain HTTP; its address comes from the orchestrator.
        jwt.RequireHttpsMetadata = false;
        if (!string.IsNullOrEmpty(options.Jwks))
        {
            // Keys given inline replace the published ones: nothing is fetched.
            jwt.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(options.Jwks).GetSigningKeys();
        }
        else
        {
            jwt.MetadataAddress = IdentityMetadataAddress(configuration, options) ?? string.Empty;
        }

        var parameters = jwt.TokenValidationParameters;
        parameters.ValidIssuer = options.Issuer;
        parameters.ValidAudience = options.Audience;
        parameters.ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256];
        parameters.ClockSkew = options.ClockSkew;
        // Against the host's TimeProvider, so an expiry follows the same clock as everything else.
        parameters.LifetimeValidator = (notBefore, expires, _, validation) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } until && now < until + validation.ClockSkew
                && (notBefore is not { } from || now >= from - validation.ClockSkew);
        };
        parameters.NameClaimType = PlatformClaims.UserId;
        parameters.RoleClaimType = PlatformClaims.VendorRole;
        parameters.AuthenticationType = Scheme;
    }
}

/// <summary>The configuration section <c>Authentication</c>.</summary>
public sealed class PlatformAuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The <c>iss</c> identity-api writes and every validator expects.</summary>
    public string Issuer { get; set; } = "partner-platform";

    /// <summary>The <c>aud</c> identity-api writes and every validator expects.</summary>
    public string Audience { get; set; } = "partner-platform-api";

    /// <summary>Where identity-api's OpenID configuration is; empty: from <c>services:identity-api:http:0</c>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// A JSON Web Key Set trusted instead of identity-api's published keys (tests sign with a key
    /// of their own; nothing is fetched then). Empty in production.
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>How often the published keys are fetched again without being asked.</summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time between two fetches caused by tokens of an unknown key id.</summary>
    public TimeSpan KeysMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tolerated difference between the issuer's clock and this one.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
