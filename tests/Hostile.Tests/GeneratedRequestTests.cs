using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Hostile.Tests.Support;
using Xunit.Abstractions;

namespace Hostile.Tests;

/// <summary>
/// Requests generated from every service's OpenAPI document: every operation that takes a JSON body
/// gets hostile text in every string field, and 8 identical copies of a plain request at once.
/// No answer may be a 5xx; a race never answers 412 to requests that sent no If-Match (an update
/// that requires If-Match and refuses all eight alike is keeping its contract, not racing); a
/// first write or upsert has one winner (<see cref="RaceRules"/>).
/// </summary>
[Collection(AllServicesCollection.Name)]
public sealed class GeneratedRequestTests(AllServices services, ITestOutputHelper output)
{
    /// <summary>NUL, lone surrogates, control characters, SQL and LIKE metacharacters, very long text, and mixtures.</summary>
    private static readonly Gen<string> HostileText = Gen.OneOf(
        Gen.Elements(
            "a\0b", "\0", "\uD800", "x\uDC00y", "\uDBFF\uD800", "\u0001\u0002\u001F\u007F", "\t\r\n\u000B\u000C",
            "'; DROP TABLE partners; --", "%", "_", "\\", "%_\\%", "a%' OR '1'='1", "\u200B\uFEFF\u202E",
            new string('x', 10_000), new string('\u4E2D', 5_000), ""),
        Gen.Elements('\0', '\uD800', '\u0001', '%', '_', '\'', '\\', 'a', '\u4E2D').ArrayOf().Select(chars => new string(chars)));

    [Theory]
    [MemberData(nameof(AllServices.Names), MemberType = typeof(AllServices))]
    public async Task Hostile_text_in_every_string_field_of_every_body_never_answers_a_5xx(string service)
    {
        var (requests, operations) = await OperationsAsync(service);
        var failures = new List<string>();
        Prop.ForAll(HostileText.ToArbitrary(), text =>
        {
            foreach (var operation in operations)
            {
                foreach (var caller in AllServices.Callers)
                {
                    using var client = services.Client(service, caller);
                    var body = requests.Body(operation.Schema, text)?.ToJsonString() ?? "{}";
                    using var response = SendAsync(client, operation, body).GetAwaiter().GetResult();
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{operation} ({Describe(text)}) → {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
                    }
                }
            }

            return failures.Count == 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(6).WithQuietOnSuccess(true));

        Assert.True(failures.Count == 0, string.Join('\n', failures.Distinct().Take(20)));
    }

    [Theory]
    [MemberData(nameof(AllServices.Names), MemberType = typeof(AllServices))]
    public async Task Eight_identical_requests_at_once_on_every_write_have_one_winner_and_never_answer_5xx_or_412_without_if_match(string service)
    {
        var (requests, operations) = await OperationsAsync(service);
        var failures = new List<string>();
        var won = new List<string>();
        foreach (var operation in operations)
        {
            foreach (var caller in AllServices.Callers)
            {
                var body = requests.Body(operation.Schema, "race-" + Guid.NewGuid().ToString("N")[..8])?.ToJsonString() ?? "{}";
                var path = OpenApiRequests.Path(operation);
                var key = operation.TakesIdempotencyKey ? Guid.NewGuid().ToString() : null;
                var clients = Enumerable.Range(0, 8).Select(_ => services.Client(service, caller)).ToList();
                var responses = await Task.WhenAll(clients.Select(client => SendAsync(client, operation, body, path, key)));
                var answers = new List<RaceAnswer>();
                foreach (var response in responses)
                {
                    answers.Add(await RaceAnswer.ReadAsync(response));
                    response.Dispose();
                }

                clients.ForEach(c => c.Dispose());
                failures.AddRange(RaceRules.Check(operation, key is not null, answers));
                if (RaceRules.IsFirstWrite(operation, key is not null) && answers.Any(a => a.IsSuccess))
                {
                    won.Add(operation.ToString());
                }
            }
        }

        output.WriteLine($"{service}: {won.Distinct().Count()} first-write or upsert operations reached a winner: {string.Join(", ", won.Distinct())}");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Distinct().Take(20)));
    }

    private async Task<(OpenApiRequests Requests, IReadOnlyList<BodyOperation> Operations)> OperationsAsync(string service)
    {
        using var anonymous = services.Client(service, null);
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var requests = new OpenApiRequests(document);
        var operations = requests.BodyOperations();
        Assert.NotEmpty(operations);
        return (requests, operations);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, BodyOperation operation, string body, string? path = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), (path ?? OpenApiRequests.Path(operation)).TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    private static string Describe(string text) =>
        text.Length > 40 ? $"{text.Length} characters" : JsonSerializer.Serialize(text);
}
