using System.Net;
using System.Net.Http.Json;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class InputHygieneTests : IAsyncLifetime
{
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(map: app =>
    {
        var api = app.MapGroup("/v2/samples").AllowAnonymous();
        api.MapPost("/profiles", (Profile profile) => TypedResults.Ok(profile));
        api.MapGet("/profiles", (string? name) => TypedResults.Ok(new { name }));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"company_name":"a\u0000b","tags":[]}""", "company_name")]
    [InlineData("""{"company_name":"ok","tags":["x","\u0000"]}""", "tags[1]")]
    [InlineData("""{"company_name":"ok","tags":[],"contact":{"email":"a@b.c\u0000"}}""", "contact.email")]
    public async Task A_nul_character_anywhere_in_a_json_body_answers_400_invalid_character_naming_the_field(string json, string field)
    {
        var response = await _host.Client.PostAsync("/v2/samples/profiles", new StringContent(json, Encoding.UTF8, "application/json"));

        var body = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0102");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task A_nul_character_in_a_query_string_answers_400_invalid_character_naming_the_parameter()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/profiles?name=a%00b"), HttpStatusCode.BadRequest, "CBC.0102");

        Assert.True(body.GetProperty("errors").TryGetProperty("name", out _), body.ToString());
    }

    [Fact]
    public async Task A_nul_character_in_a_header_answers_400_invalid_character_naming_the_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/samples/profiles?name=x");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key\0x");

        var body = await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.BadRequest, "CBC.0102");

        Assert.True(body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), body.ToString());
    }

    [Fact]
    public async Task Text_without_nul_characters_passes_unchanged()
    {
        var profile = new Profile("【演示】深圳智汇云科技有限公司\t\u0001\uFFFD", ["a", "b"], new Contact("x@example.com"));

        var response = await _host.Client.PostAsJsonAsync("/v2/samples/profiles", profile, PlatformJson.Options);

        var body = await ProblemAssert.IsSuccess(response);
        Assert.Equal(profile.CompanyName, body.GetProperty("company_name").GetString());
    }

    [Fact]
    public void Any_text_in_a_body_or_query_answers_success_or_a_coded_400_never_a_5xx() =>
        Prop.ForAll<string>(text =>
        {
            text ??= "";
            var bodyResponse = _host.Client.PostAsJsonAsync("/v2/samples/profiles", new Profile(text, [text], new Contact(text)), PlatformJson.Options).GetAwaiter().GetResult();
            var queryResponse = _host.Client.GetAsync("/v2/samples/profiles?name=" + Uri.EscapeDataString(text)).GetAwaiter().GetResult();
            var expected = text.Contains('\0', StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
            return bodyResponse.StatusCode == expected && queryResponse.StatusCode == expected;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));

    private sealed record Profile(string CompanyName, IReadOnlyList<string> Tags, Contact? Contact = null);

    private sealed record Contact(string Email);
}
