using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Benchmark;

/// <summary>A partner's bearer token protected by the shared key ring, as identity-api would issue it.</summary>
internal static class BenchmarkToken
{
    public static string Issue(string keysConnectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[$"ConnectionStrings:{PlatformAuthentication.KeysConnectionName}"] = keysConnectionString;
        builder.AddPlatformAuthentication();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(PlatformAuthentication.Scheme);
        var caller = new CurrentCaller { IsAuthenticated = true, UserId = "bench-user", PartnerId = "bench-partner" };
        var now = DateTimeOffset.UtcNow;
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(2) };
        return options.BearerTokenProtector.Protect(new AuthenticationTicket(caller.ToPrincipal(), properties, PlatformAuthentication.Scheme));
    }
}
