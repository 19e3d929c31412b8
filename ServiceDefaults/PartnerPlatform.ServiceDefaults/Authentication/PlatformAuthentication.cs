using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The framework's bearer-token handler over one Data Protection key ring shared in PostgreSQL
/// (<c>ConnectionStrings:keys</c>) under one application name, so a token identity-api issues
/// validates in every service. Every endpoint requires an authenticated caller unless it says
/// <c>AllowAnonymous()</c>. A token already validated is remembered for a short while
/// (<see cref="ValidatedTokenCache"/>), so a caller's next requests skip the unprotect.
/// </summary>
public static class PlatformAuthentication
{
    public const string Scheme = BearerTokenDefaults.AuthenticationScheme;
    public const string ApplicationName = "PartnerPlatform";
    public const string KeysConnectionName = "keys";

    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName(ApplicationName);
        var sharedKeyRing = !string.IsNullOrEmpty(builder.Configuration.GetConnectionString(KeysConnectionName));
        services.TryAddPostgresDataSources();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            if (sharedKeyRing)
            {
                options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<PostgresDataSources>().Get(KeysConnectionName));
            }
            else
            {
                provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlatformAuthentication))
                    .LogWarning("ConnectionStrings:{Name} is not set: this process uses a key ring of its own and rejects tokens issued elsewhere.", KeysConnectionName);
                options.XmlRepository = new InMemoryXmlRepository();
            }
        });

        services.AddAuthentication(Scheme).AddBearerToken(Scheme);
        services.AddOptions<BearerTokenOptions>(Scheme).PostConfigure<IServiceProvider>((options, provider) =>
            options.BearerTokenProtector = new ValidatedTokenCache(
                options.BearerTokenProtector,
                provider.GetService<IKeyManager>(),
                provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }
}
