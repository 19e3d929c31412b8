using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PartnerPlatform.Testing;

/// <summary>
/// One short-lived RESP exchange (AUTH, SELECT, one command) for test set-up. Deliberately
/// independent of the platform's Redis client, so fixtures do not depend on the code under test.
/// </summary>
internal static class RespProbe
{
    public static async Task<string> SendAsync(RedisEndpoint endpoint, int database, string[] command, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cts.Token);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 4096, leaveOpen: true);

        if (endpoint.Password is { Length: > 0 } password)
        {
            await ExchangeAsync(stream, reader, ["AUTH", password], cts.Token);
        }

        await ExchangeAsync(stream, reader, ["SELECT", database.ToString(CultureInfo.InvariantCulture)], cts.Token);
        return await ExchangeAsync(stream, reader, command, cts.Token);
    }

    private static async Task<string> ExchangeAsync(NetworkStream stream, StreamReader reader, string[] command, CancellationToken ct)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var arg in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), ct);
        var line = await reader.ReadLineAsync(ct) ?? throw new IOException("Redis closed the connection.");
        return line[0] switch
        {
            '+' or ':' => line[1..],
            '-' => throw new InvalidOperationException("Redis error: " + line[1..]),
            '$' when line == "$-1" => "",
            '$' => await reader.ReadLineAsync(ct) ?? "",
            _ => throw new IOException("Unexpected Redis reply: " + line),
        };
    }
}
