using System.Net.Sockets;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests;

/// <summary>
/// A NUL (<c>%00</c>) in the path is refused by Kestrel while it parses the request line, before
/// any middleware of the gateway runs; no supported hook writes a body there (docs/adr/0032). What
/// a caller gets is pinned down here: an empty 400 that closes the connection, and nothing forwarded.
/// A NUL in the query passes the request line and is refused by the service's input hygiene.
/// </summary>
public sealed class NulInPathTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("/v2/partners/profile%00")]
    [InlineData("/v2/auth/login%00x")]
    [InlineData("/v2/vendor/partners/a%00b")]
    public async Task A_nul_in_the_path_is_an_empty_400_that_closes_the_connection_and_reaches_no_service(string path)
    {
        var before = fixture.Services.Values.Sum(s => s.Received.Count);

        var answer = await SendRawAsync(fixture.Gateway.Address, $"GET {path} HTTP/1.1");

        Assert.StartsWith("HTTP/1.1 400 ", answer.Head, StringComparison.Ordinal);
        Assert.Contains("content-length: 0", answer.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("connection: close", answer.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", answer.Body);
        Assert.Equal(before, fixture.Services.Values.Sum(s => s.Received.Count));
    }

    [Fact]
    public async Task A_nul_in_the_query_is_forwarded_as_sent_so_the_service_refuses_it_with_its_code()
    {
        using var client = fixture.PartnerClient();

        var echo = await (await client.GetAsync("/v2/partners/profile?name=a%00b")).ReadEchoAsync();

        Assert.Equal("?name=a%00b", echo.Query);
    }

    private static async Task<(string Head, string Body)> SendRawAsync(Uri server, string requestLine)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {server.Authority}\r\n\r\n"));
        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.ASCII.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return split < 0 ? (text, "") : (text[..split], text[(split + 4)..]);
    }
}
