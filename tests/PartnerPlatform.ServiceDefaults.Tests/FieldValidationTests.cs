using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>The one validation idiom: every field error of a request at once, 400 with a code and per-field messages.</summary>
public sealed class FieldValidationTests : IAsyncLifetime
{
    private static readonly ErrorCode InvalidMobile = new("CBC.5017", 400, "Invalid mobile number", "The mobile number is invalid.");

    private SampleHost _host = null!;

    public sealed record Sample(string? Name = null, int? Count = null, string? Note = null, string? MobilePhone = null);

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        configure: builder => builder.Services.AddErrorCodes(InvalidMobile),
        map: app => app.MapPost("/v2/samples", (Sample sample) =>
        {
            var validation = new FieldValidation();
            var name = validation.RequiredText(sample.Name, "name", 8);
            var count = validation.Required(sample.Count, "count");
            validation.Check(count >= 0, "count", "count must not be negative.");
            var note = validation.Text(sample.Note, "note", 4);
            validation.ThrowIfAny();
            if (sample.MobilePhone is { } mobile && !mobile.StartsWith("0086-", StringComparison.Ordinal))
            {
                throw FieldValidation.Refuse(InvalidMobile, "mobile_phone");
            }

            return TypedResults.Ok(new { name, count, note });
        }).AllowAnonymous());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_bad_field_is_answered_at_once_under_its_snake_case_name()
    {
        var body = await ProblemAssert.IsProblem(
            await _host.Client.PostAsync("/v2/samples", Json("""{"name":"  ","count":-1,"note":"too long"}""")), HttpStatusCode.BadRequest, "CBC.0100");

        var errors = body.GetProperty("errors");
        Assert.Equal("name is required.", errors.GetProperty("name")[0].GetString());
        Assert.Equal("count must not be negative.", errors.GetProperty("count")[0].GetString());
        Assert.Equal("note must be at most 4 characters.", errors.GetProperty("note")[0].GetString());
        Assert.Equal("name is required.", body.GetProperty("error_msg").GetString());
    }

    [Fact]
    public async Task A_missing_value_is_required()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.PostAsync("/v2/samples", Json("""{"name":"a"}""")), HttpStatusCode.BadRequest, "CBC.0100");

        Assert.Equal("count is required.", body.GetProperty("errors").GetProperty("count")[0].GetString());
    }

    [Fact]
    public async Task A_rule_with_a_code_of_its_own_answers_that_code_for_the_field()
    {
        var body = await ProblemAssert.IsProblem(
            await _host.Client.PostAsync("/v2/samples", Json("""{"name":"a","count":1,"mobile_phone":"13800138000"}""")), HttpStatusCode.BadRequest, "CBC.5017");

        Assert.Equal("The mobile number is invalid.", body.GetProperty("errors").GetProperty("mobile_phone")[0].GetString());
    }

    [Fact]
    public async Task Valid_fields_come_back_trimmed()
    {
        var body = await ProblemAssert.IsSuccess(await _host.Client.PostAsync("/v2/samples", Json("""{"name":" ab ","count":2,"note":" n "}""")));

        Assert.Equal("ab", body.GetProperty("name").GetString());
        Assert.Equal("n", body.GetProperty("note").GetString());
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
