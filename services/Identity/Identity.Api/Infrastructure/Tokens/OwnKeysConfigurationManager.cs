using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure.Tokens;

/// <summary>
/// identity-api validates the tokens it issued against its own published keys, read from
/// <see cref="SigningKeys"/> rather than fetched over HTTP from itself. An unknown key id makes it
/// read the keys again, as the other services fetch the JWKS again.
/// </summary>
internal sealed class OwnKeysConfigurationManager(SigningKeys signingKeys, IOptions<PlatformAuthenticationOptions> options)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = options.Value.Issuer };
        foreach (var key in await signingKeys.PublishedKeysAsync(cancel))
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    public void RequestRefresh() => signingKeys.Forget();
}
