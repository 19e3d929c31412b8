using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Tests.Support;

/// <summary>
/// Issues bearer tokens the way identity-api does: the framework's bearer-token protector over the
/// shared Data Protection key ring in PostgreSQL, so the gateway under test validates them.
/// </summary>
internal sealed class TokenIssuer : IDisposable
{
    private readonly IHost _host;
    private readonly BearerTokenOptions _options;

    public TokenIssuer(string keysConnectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[$"ConnectionStrings:{PlatformAuthentication.KeysConnectionName}"] = keysConnectionString;
        builder.AddPlatformAuthentication();
        _host = builder.Build();
        _options = _host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(PlatformAuthentication.Scheme);
        _ = Issue(Partner("warm-up")); // creates the key ring's first key before any gateway reads it
    }

    public static CurrentCaller Partner(string partnerId, string? userId = null) => new()
    {
        IsAuthenticated = true,
        UserId = userId ?? "user-of-" + partnerId,
        PartnerId = partnerId,
        Programmes = new HashSet<string>(["solution_provider"], StringComparer.Ordinal),
    };

    public string Issue(CurrentCaller caller, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + (lifetime ?? TimeSpan.FromHours(1)) };
        return _options.BearerTokenProtector.Protect(new AuthenticationTicket(caller.ToPrincipal(), properties, PlatformAuthentication.Scheme));
    }

    public void Dispose() => _host.Dispose();
}
