extern alias identity;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CrossService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SigningKeys = identity::Identity.Api.Infrastructure.Tokens.SigningKeys;

namespace CrossService.Tests;

/// <summary>
/// The gateway validates tokens against identity-api's published keys, found through the service
/// map: a rotated-away key stops working once the gateway has fetched the key set again, and a
/// key identity-api never published never works, at the gateway or at identity-api called directly.
/// </summary>
public sealed class SigningKeyTests(Platform platform) : IClassFixture<Platform>
{
    // coupons-api has no address in this platform: a request the edge lets through ends in an
    // upstream error, one it refuses is a 401 CBC.0154, so the status tells the edge's verdict.
    private const string PastTheEdge = "/v2/coupons/c-1";

    [Fact]
    public async Task A_token_of_a_key_identity_rotated_away_is_refused_at_the_gateway_after_it_fetched_the_keys_again()
    {
        var userName = "rotate-" + Guid.NewGuid().ToString("N")[..12];
        var before = await platform.RegisterAndSignInAsync(userName, "Rotate-pass-1");
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await GetAsync(PastTheEdge, before)).StatusCode);

        await platform.IdentityServices.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
        var after = await platform.SignInAsync(userName, "Rotate-pass-1");
        Assert.NotEqual(KeyId(before), KeyId(after));

        // The new key id is unknown to the gateway: it fetches the key set again.
        await Eventually(async () => (await GetAsync(PastTheEdge, after)).StatusCode != HttpStatusCode.Unauthorized);

        var refused = await GetAsync(PastTheEdge, before);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("CBC.0154", await ErrorCodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/auth/me", after)).StatusCode);
    }

    [Fact]
    public async Task A_token_of_a_foreign_key_is_refused_at_the_gateway_and_at_identity_called_directly()
    {
        var forged = TestTokens.ForeignFor(new CurrentCaller { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), PartnerId = Guid.NewGuid().ToString() });

        var atTheEdge = await GetAsync(PastTheEdge, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, atTheEdge.StatusCode);
        Assert.Equal("CBC.0154", await ErrorCodeAsync(atTheEdge));

        using var direct = new HttpClient { BaseAddress = platform.IdentityAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        var atTheService = await direct.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, atTheService.StatusCode);
        Assert.Equal("CBC.0154", await ErrorCodeAsync(atTheService));
    }

    [Fact]
    public async Task Identity_publishes_its_keys_and_where_to_find_them()
    {
        using var direct = new HttpClient { BaseAddress = platform.IdentityAddress };
        var configuration = JsonDocument.Parse(await direct.GetStringAsync(PlatformAuthentication.MetadataPath)).RootElement;
        Assert.Equal(new PlatformAuthenticationOptions().Issuer, configuration.GetProperty("issuer").GetString());
        var jwksUri = configuration.GetProperty("jwks_uri").GetString()!;
        Assert.EndsWith(PlatformAuthentication.JwksPath, jwksUri, StringComparison.Ordinal);

        var keys = JsonDocument.Parse(await direct.GetStringAsync(jwksUri)).RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("EC", key.GetProperty("kty").GetString());
            Assert.Equal("ES256", key.GetProperty("alg").GetString());
            Assert.False(key.TryGetProperty("d", out _), "a private key part is published");
        });
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await platform.Gateway.SendAsync(request);
    }

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error_code").GetString();

    private static string KeyId(string token) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The gateway never accepted the token of the new key.");
            }

            await Task.Delay(200);
        }
    }
}
