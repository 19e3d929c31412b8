using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// A validated token is remembered for a short while so that the next requests skip the
/// unprotect; what must still be refused is refused.
/// </summary>
public sealed class ValidatedTokenCacheTests(PostgresDatabaseFixture keys) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero));
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        settings: new Dictionary<string, string?> { ["ConnectionStrings:keys"] = keys.ConnectionString },
        configure: builder => builder.Services.AddSingleton<TimeProvider>(_clock),
        map: app => app.MapGet("/v2/coupons/me", (CurrentCaller caller) => TypedResults.Ok(new { caller.PartnerId })));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ValidatedTokenCache Cache =>
        Assert.IsType<ValidatedTokenCache>(_host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>()
            .Get(PlatformAuthentication.Scheme).BearerTokenProtector);

    [Fact]
    public async Task A_token_sent_again_is_answered_from_memory_with_the_same_caller()
    {
        var token = _host.IssueToken(Callers.Partner("p-remembered"));

        var first = await GetAsync(token);
        var second = await GetAsync(token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("p-remembered", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("partner_id").GetString());
        Assert.Equal(1, Cache.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires()
    {
        var token = _host.IssueToken(Callers.Partner(), lifetime: TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(30));

        await ProblemAssert.IsProblem(await GetAsync(token), HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_tampered_copy_of_a_remembered_token_is_refused_and_not_remembered()
    {
        var token = _host.IssueToken(Callers.Partner());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        var remembered = Cache.Count;
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        await ProblemAssert.IsProblem(await GetAsync(tampered), HttpStatusCode.Unauthorized, "CBC.0154");
        await ProblemAssert.IsProblem(await GetAsync(tampered), HttpStatusCode.Unauthorized, "CBC.0154");
        Assert.Equal(remembered, Cache.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_key_is_revoked()
    {
        var token = _host.IssueToken(Callers.Partner());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);

        var keyManager = _host.Services.GetRequiredService<IKeyManager>();
        foreach (var key in keyManager.GetAllKeys().Where(k => !k.IsRevoked))
        {
            keyManager.RevokeKey(key.KeyId, "test: the key ring was compromised");
        }

        // The key ring reloads in the background; the token must be refused as soon as it has,
        // not a minute later when the remembered entry would lapse.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var response = await GetAsync(token);
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            response = await GetAsync(token);
        }

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_token_remembered_a_minute_ago_is_checked_again_and_still_passes()
    {
        var token = _host.IssueToken(Callers.Partner(), lifetime: TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(1, Cache.Count);

        // Past the minute the entry is stale: the token is unprotected again (still valid) and remembered anew.
        _clock.Advance(ValidatedTokenCache.MaxAge);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(token)).StatusCode);
        Assert.Equal(1, Cache.Count);
    }

    private async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/coupons/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _host.Client.SendAsync(request);
    }
}
