using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>Refusals the server itself makes carry a problem body with a code, on a real socket.</summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        kestrel: true,
        map: app =>
        {
            var api = app.MapGroup("/v2/samples").AllowAnonymous();
            api.MapGet("/things", () => TypedResults.Ok(new { ok = true }));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_64_kb_authorization_header_answers_431_with_a_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/samples/things");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 64 * 1024));

        await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "CBC.0100");
    }

    [Fact]
    public async Task A_16_kb_query_string_answers_414_with_a_problem() =>
        await ProblemAssert.IsProblem(
            await _host.Client.GetAsync("/v2/samples/things?name=" + new string('a', 16 * 1024)), HttpStatusCode.RequestUriTooLong, "CBC.0100");

    [Fact]
    public async Task Requests_within_the_limits_pass()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/samples/things?name=" + new string('a', 4 * 1024));
        request.Headers.TryAddWithoutValidation("X-Note", new string('b', 16 * 1024));

        await ProblemAssert.IsSuccess(await _host.Client.SendAsync(request));
    }
}
