using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class ETagTests : IAsyncLifetime
{
    private uint _version = 7;
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(map: app =>
    {
        var api = app.MapGroup("/v2/samples/s-1").AllowAnonymous();
        api.MapGet("", (HttpResponse response) =>
        {
            response.SetETag(ETags.FromVersion(_version));
            return TypedResults.Ok(new { version = _version });
        });
        api.MapPut("", (HttpRequest request, HttpResponse response) =>
        {
            request.EnsureIfMatch(ETags.FromVersion(_version));
            _version++;
            response.SetETag(ETags.FromVersion(_version));
            return TypedResults.Ok(new { version = _version });
        });
        api.MapPatch("", (HttpRequest request) => TypedResults.Ok(new { expected = request.RequireIfMatchVersion() })).RequireIfMatch();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_read_carries_the_version_as_a_strong_etag()
    {
        var response = await _host.Client.GetAsync("/v2/samples/s-1");
        Assert.Equal("\"7\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag?.IsWeak);
    }

    [Fact]
    public async Task An_update_with_the_current_etag_passes_and_returns_the_new_one()
    {
        var response = await PutAsync("\"7\"");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"8\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_a_412_with_CBC_0157()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutAsync("\"7\"")).StatusCode);
        await ProblemAssert.IsProblem(await PutAsync("\"7\""), HttpStatusCode.PreconditionFailed, "CBC.0157");
        Assert.Equal(8u, _version);
    }

    [Fact]
    public async Task An_update_without_if_match_is_a_412_with_CBC_0157_saying_it_is_required()
    {
        var body = await ProblemAssert.IsProblem(await PutAsync(null), HttpStatusCode.PreconditionFailed, "CBC.0157");
        Assert.Contains("requires If-Match", body.GetProperty("error_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(7u, _version);
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("7")]
    public async Task A_weak_or_malformed_etag_does_not_match(string ifMatch) =>
        await ProblemAssert.IsProblem(await PutAsync(ifMatch), HttpStatusCode.PreconditionFailed, "CBC.0157");

    [Theory]
    [InlineData("*")]
    [InlineData("\"3\", \"7\"")]
    public async Task A_wildcard_or_a_list_holding_the_current_etag_matches(string ifMatch) =>
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(ifMatch)).StatusCode);

    [Fact]
    public async Task The_expected_version_is_read_from_if_match_for_a_conditional_update()
    {
        var response = await SendAsync(HttpMethod.Patch, "\"41\"");
        Assert.Equal(41, (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("expected").GetInt32());
        await ProblemAssert.IsProblem(await SendAsync(HttpMethod.Patch, null), HttpStatusCode.PreconditionFailed, "CBC.0157");
        await ProblemAssert.IsProblem(await SendAsync(HttpMethod.Patch, "*"), HttpStatusCode.PreconditionFailed, "CBC.0157");
        await ProblemAssert.IsProblem(await SendAsync(HttpMethod.Patch, "\"abc\""), HttpStatusCode.PreconditionFailed, "CBC.0157");
    }

    [Fact]
    public void Versions_format_as_quoted_decimals()
    {
        Assert.Equal("\"0\"", ETags.FromVersion(0u));
        Assert.Equal("\"4294967295\"", ETags.FromVersion(uint.MaxValue));
    }

    private Task<HttpResponseMessage> PutAsync(string? ifMatch) => SendAsync(HttpMethod.Put, ifMatch);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, "/v2/samples/s-1");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _host.Client.SendAsync(request);
    }
}
