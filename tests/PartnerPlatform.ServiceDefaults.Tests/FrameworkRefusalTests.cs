using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

/// <summary>
/// What the framework refuses on its own, on a real Kestrel socket: each answer that reaches the
/// pipeline is a problem with a code; the one Kestrel answers before any middleware (a NUL in the
/// path) is pinned down as it is (docs/adr/0032).
/// </summary>
public sealed class FrameworkRefusalTests : IAsyncLifetime
{
    private const int BodyLimit = 1024;

    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await SampleHost.StartAsync(
        kestrel: true,
        configure: builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = BodyLimit),
        map: app =>
        {
            var api = app.MapGroup("/v2/samples").AllowAnonymous();
            api.MapPost("/notes", (Note note) => TypedResults.Ok(note));
            api.MapGet("/notes/{id}", (Guid id) => TypedResults.Ok(id));
            api.MapGet("/notes", (int limit) => TypedResults.Ok(limit));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_body_over_the_servers_limit_is_a_413_with_a_code()
    {
        using var content = new StringContent($"{{\"text\":\"{new string('a', 4 * BodyLimit)}\"}}", Encoding.UTF8, "application/json");

        await ProblemAssert.IsProblem(await _host.Client.PostAsync("/v2/samples/notes", content), HttpStatusCode.RequestEntityTooLarge, "CBC.0100");
    }

    [Fact]
    public async Task A_chunked_body_crossing_the_servers_limit_is_a_413_with_a_code()
    {
        using var content = new ChunkedJson($"{{\"text\":\"{new string('a', 4 * BodyLimit)}\"}}");

        await ProblemAssert.IsProblem(await _host.Client.PostAsync("/v2/samples/notes", content), HttpStatusCode.RequestEntityTooLarge, "CBC.0100");
    }

    [Fact]
    public async Task A_route_value_that_does_not_bind_is_a_400_with_a_code()
    {
        await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/notes/not-a-guid"), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_query_value_that_does_not_bind_is_a_400_with_a_code()
    {
        await ProblemAssert.IsProblem(await _host.Client.GetAsync("/v2/samples/notes?limit=many"), HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task A_json_body_sent_as_text_is_a_415_with_a_code()
    {
        using var client = _host.CreateClient(Callers.Partner());
        using var content = new StringContent("{\"text\":\"a\"}", Encoding.UTF8, "text/plain");

        await ProblemAssert.IsProblem(await client.PostAsync("/v2/samples/notes", content), HttpStatusCode.UnsupportedMediaType, "CBC.0100");
    }

    [Fact]
    public async Task A_wrong_method_on_a_real_socket_is_a_405_with_a_code()
    {
        using var client = _host.CreateClient(Callers.Partner());

        await ProblemAssert.IsProblem(await client.DeleteAsync("/v2/samples/notes"), HttpStatusCode.MethodNotAllowed, "CBC.0100");
    }

    [Fact]
    public async Task An_encoded_nul_in_the_path_is_refused_by_kestrel_before_any_middleware_with_an_empty_400_that_closes_the_connection()
    {
        var answer = await RawHttp.SendAsync(_host.Client.BaseAddress!, "GET /v2/samples/notes/a%00b HTTP/1.1");

        Assert.StartsWith("HTTP/1.1 400 Bad Request", answer.StatusLine, StringComparison.Ordinal);
        Assert.Equal("0", answer.Headers["content-length"]);
        Assert.Equal("close", answer.Headers["connection"]);
        Assert.Empty(answer.Body);
    }

    [Fact]
    public async Task A_nul_in_a_query_value_reaches_the_pipeline_and_is_a_400_with_the_hygiene_code()
    {
        var response = await _host.Client.GetAsync("/v2/samples/notes?limit=a%00b");

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0102");
    }

    private sealed record Note(string Text);

    private sealed class ChunkedJson : HttpContent
    {
        private readonly string _json;

        public ChunkedJson(string json)
        {
            _json = json;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(_json);
            for (var offset = 0; offset < bytes.Length; offset += 256)
            {
                await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(256, bytes.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

/// <summary>One request written byte for byte to a socket (HttpClient would re-encode or refuse the target), and the answer read until the server closes.</summary>
internal static class RawHttp
{
    public sealed record Answer(string StatusLine, IReadOnlyDictionary<string, string> Headers, string Body);

    public static async Task<Answer> SendAsync(Uri server, string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {server.Authority}\r\n\r\n");
        await stream.WriteAsync(request);

        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.ASCII.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var lines = head.Split("\r\n");
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        return new Answer(lines[0], headers, split < 0 ? "" : text[(split + 4)..]);
    }
}
