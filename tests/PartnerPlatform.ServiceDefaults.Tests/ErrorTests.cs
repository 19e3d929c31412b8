using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class ErrorTests : IAsyncLifetime
{
    private static readonly ErrorCode QuotaExhausted = new("CBC.99000001", 409, "Quota exhausted", "The coupon quota is exhausted.");

    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        configure: builder => builder.Services.AddErrorCodes(QuotaExhausted),
        map: app =>
        {
            var api = app.MapGroup("/v2/samples").AllowAnonymous();
            api.MapGet("/quota", () => { throw new ApiException(QuotaExhausted); });
            api.MapGet("/quota-result", () => ApiResults.Problem(QuotaExhausted, "Only 3 left."));
            api.MapGet("/field", () => { throw ApiException.InvalidField("mobile_phone", "The mobile number already exists."); });
            api.MapGet("/missing", () => { throw ApiException.NotFound(); });
            api.MapGet("/state", () => { throw ApiException.IllegalState("A submitted opportunity cannot be edited."); });
            api.MapGet("/crash", () => { throw new InvalidOperationException("Connection string Host=db;Password=hunter2 failed"); });
            api.MapGet("/concurrency", () => { throw new DbUpdateConcurrencyException(); });
            api.MapGet("/unique", () => { throw new DbUpdateException(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")); });
            api.MapGet("/annotations", () =>
            {
                throw new System.ComponentModel.DataAnnotations.ValidationException(
                    new System.ComponentModel.DataAnnotations.ValidationResult("Too long.", ["DisplayName"]), null, null);
            });
            api.MapGet("/validation-problem", () => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["UnitPrice"] = ["Must be positive."] }));
            api.MapGet("/bare-conflict", () => Results.StatusCode(409));
            api.MapPost("/items", (CreateItem item) => TypedResults.Ok(item));
            api.MapGet("/items/{id:int}", (int id) => TypedResults.Ok(id));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_thrown_api_exception_answers_problem_details_with_its_code()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/quota"), HttpStatusCode.Conflict, "CBC.99000001");
        Assert.Equal("Quota exhausted", body.GetProperty("title").GetString());
        Assert.Equal("The coupon quota is exhausted.", body.GetProperty("error_msg").GetString());
        Assert.False(body.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_problem_result_carries_the_code_and_the_given_message()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/quota-result"), HttpStatusCode.Conflict, "CBC.99000001");
        Assert.Equal("Only 3 left.", body.GetProperty("error_msg").GetString());
    }

    [Fact]
    public async Task Field_errors_are_listed_under_errors_by_snake_case_name()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/field"), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.Equal("The mobile number already exists.", body.GetProperty("errors").GetProperty("mobile_phone")[0].GetString());
    }

    [Theory]
    [InlineData("/v2/samples/missing", HttpStatusCode.NotFound, "CBC.0156")]
    [InlineData("/v2/samples/state", HttpStatusCode.Conflict, "CBC.0150")]
    [InlineData("/v2/samples/concurrency", HttpStatusCode.Conflict, "CBC.0150")]
    [InlineData("/v2/samples/unique", HttpStatusCode.Conflict, "CBC.0150")]
    [InlineData("/v2/samples/bare-conflict", HttpStatusCode.Conflict, "CBC.0150")]
    public async Task Generic_failures_map_to_their_generic_codes(string path, HttpStatusCode status, string code) =>
        await ProblemAssert.IsProblem(await _host.Client.GetAsync(path), status, code);

    public static TheoryData<string, Exception, int, string> DatabaseFailures => new()
    {
        { "connection refused, wrapped by EF", new DbUpdateException(new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))), 503, "CBC.0998" },
        { "connection cut while reading", new Npgsql.NpgsqlException("Exception while reading from stream", new System.IO.EndOfStreamException()), 503, "CBC.0998" },
        { "pool exhausted", new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException()), 503, "CBC.0998" },
        { "server shutting down", new Npgsql.PostgresException("terminating connection", "FATAL", "FATAL", "57P01"), 503, "CBC.0998" },
        { "server starting up", new Npgsql.PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), 503, "CBC.0998" },
        { "unique violation", new DbUpdateException(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")), 409, "CBC.0150" },
        { "serialization failure", new Npgsql.PostgresException("could not serialize", "ERROR", "ERROR", "40001"), 500, "CBC.0999" },
        { "deadlock", new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), 500, "CBC.0999" },
    };

    [Theory]
    [MemberData(nameof(DatabaseFailures))]
    public void Only_an_unreachable_database_maps_to_503(string failure, Exception exception, int status, string code)
    {
        var problem = ApiExceptionHandler.Map(exception, ifMatchSent: false);

        Assert.True(status == problem.Status, $"{failure}: {problem.Status}");
        Assert.Equal(code, problem.Extensions["error_code"]);
    }

    [Fact]
    public async Task A_concurrency_conflict_is_a_failed_precondition_only_when_the_request_sent_if_match()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/samples/concurrency");
        request.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");

        await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.PreconditionFailed, "CBC.0157");
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_that_leaks_nothing()
    {
        var response = await _host.Client.GetAsync("/v2/samples/crash");
        var text = await response.Content.ReadAsStringAsync();
        await ProblemAssert.IsProblem(response, HttpStatusCode.InternalServerError, "CBC.0999");
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.DoesNotContain("detail", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_annotation_failures_are_invalid_parameters_naming_the_field()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/annotations"), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.Equal("Too long.", body.GetProperty("errors").GetProperty("display_name")[0].GetString());
    }

    [Fact]
    public async Task Framework_validation_problems_get_a_code_and_snake_case_fields()
    {
        var body = await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/validation-problem"), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.Equal("Must be positive.", body.GetProperty("errors").GetProperty("unit_price")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_with_a_code_for_an_authenticated_caller()
    {
        using var client = _host.CreateClient(Callers.Partner());
        await ProblemAssert.IsProblem(await client.GetAsync("/v2/nothing-here"), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_with_a_code()
    {
        using var client = _host.CreateClient(Callers.Partner());
        await ProblemAssert.IsProblem(await client.DeleteAsync("/v2/samples/quota"), HttpStatusCode.MethodNotAllowed, "CBC.0100");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_with_a_code()
    {
        using var client = _host.CreateClient(Callers.Partner());
        using var content = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await ProblemAssert.IsProblem(await client.PostAsync("/v2/samples/items", content), HttpStatusCode.UnsupportedMediaType, "CBC.0100");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_a_code()
    {
        using var content = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        await ProblemAssert.IsProblem(await _host.Client.PostAsync("/v2/samples/items", content), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_json_value_of_the_wrong_type_names_the_field()
    {
        using var content = new StringContent("{\"name\": \"x\", \"quantity\": \"many\"}", Encoding.UTF8, "application/json");
        var body = await ProblemAssert.IsProblem(await _host.Client.PostAsync("/v2/samples/items", content), HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(body.GetProperty("errors").TryGetProperty("quantity", out _), body.ToString());
    }

    [Fact]
    public async Task A_route_value_that_does_not_match_its_constraint_is_a_404_with_a_code()
    {
        using var client = _host.CreateClient(Callers.Partner());
        await ProblemAssert.IsProblem(await client.GetAsync("/v2/samples/items/abc"), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task Problems_are_json_even_when_the_client_asks_for_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/samples/missing");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        await ProblemAssert.IsProblem(await _host.Client.SendAsync(request), HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task The_catalogue_lists_the_generic_codes_and_the_services_own()
    {
        var response = await _host.Client.GetAsync("/v2/reference/error-codes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_codes").EnumerateArray()
            .ToDictionary(e => e.GetProperty("error_code").GetString()!, e => e);
        foreach (var generic in new[] { "CBC.0100", "CBC.0101", "CBC.0150", "CBC.0151", "CBC.0154", "CBC.0155", "CBC.0156", "CBC.0157", "CBC.0158", "CBC.0250", "CBC.0998", "CBC.0999" })
        {
            Assert.Contains(generic, codes.Keys);
        }

        Assert.Equal(409, codes["CBC.99000001"].GetProperty("status").GetInt32());
        Assert.Equal("The coupon quota is exhausted.", codes["CBC.99000001"].GetProperty("error_msg").GetString());
        Assert.Equal(429, codes["CBC.0250"].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Registering_one_code_twice_with_different_meanings_fails_at_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var host = await SampleHost.StartAsync(configure: builder => builder.Services
                .AddErrorCodes(new ErrorCode("CBC.0100", 400, "Something else", "Something else.")));
            host.Services.GetRequiredService<ErrorCatalogue>();
        });
        Assert.Contains("CBC.0100", error.Message, StringComparison.Ordinal);
    }

    private sealed record CreateItem(string Name, int Quantity);

    /// <summary>Stands for EF Core's exception of the same name, which the handler recognises by name.</summary>
    private sealed class DbUpdateConcurrencyException : Exception;

    private sealed class DbUpdateException(Exception inner) : Exception("An error occurred while saving the entity changes.", inner);
}
