using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>Is a resource answering? Each probe is short and never throws.</summary>
internal static class HealthProbes
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly HttpClient Http = new() { Timeout = Timeout };

    public static async Task<bool> HttpAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public static async Task<bool> PostgresAsync(string connectionString, CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = (int)Timeout.TotalSeconds };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>AUTH (when a password is set) and PING over RESP; healthy on +PONG.</summary>
    public static async Task<bool> RedisAsync(string connectionString, CancellationToken ct)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (host, port) = SplitHostPort(parts[0], 6379);
        var password = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv.Length == 2 && kv[0] == "password")?[1];
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
            if (password is not null)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n"), timeout.Token);
                if (await reader.ReadLineAsync(timeout.Token) != "+OK")
                {
                    return false;
                }
            }

            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), timeout.Token);
            return await reader.ReadLineAsync(timeout.Token) == "+PONG";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The AMQP port accepts connections and the management API answers for the user.</summary>
    public static async Task<bool> RabbitMqAsync(Uri amqp, Uri management, string user, string password, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(amqp.Host, amqp.Port, timeout.Token);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(management, "api/overview"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            using var response = await Http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is SocketException or IOException or HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    public static (string Host, int Port) SplitHostPort(string hostPort, int defaultPort)
    {
        var colon = hostPort.LastIndexOf(':');
        return colon > 0
            ? (hostPort[..colon], int.Parse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture))
            : (hostPort, defaultPort);
    }
}
