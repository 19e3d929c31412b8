using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace PartnerPlatform.AppHost.LocalServers;

/// <summary>Asks a server (or database) itself whether it serves, through its connection string.</summary>
internal sealed class LocalServerHealthCheck(IResourceWithConnectionString resource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
            switch (resource)
            {
                case PostgresServerResource or PostgresDatabaseResource:
                    await using (var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=5"))
                    {
                        await connection.OpenAsync(cancellationToken);
                        await using var command = new NpgsqlCommand("SELECT 1", connection);
                        await command.ExecuteScalarAsync(cancellationToken);
                    }

                    break;
                case RabbitMQServerResource:
                    var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
                    await using (await factory.CreateConnectionAsync(cancellationToken))
                    {
                    }

                    break;
                case RedisServerResource redis:
                    await PingRedisAsync(connectionString, await redis.Password.GetValueAsync(cancellationToken) ?? "", cancellationToken);
                    break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    /// <summary>AUTH and PING in Redis's protocol: the answers must be +OK and +PONG.</summary>
    private static async Task PingRedisAsync(string connectionString, string password, CancellationToken cancellationToken)
    {
        var endpoint = connectionString.Split(',')[0];
        var separator = endpoint.LastIndexOf(':');
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(endpoint[..separator], int.Parse(endpoint[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
        var stream = client.GetStream();
        var request = $"*2\r\n$4\r\nAUTH\r\n${Encoding.UTF8.GetByteCount(password)}\r\n{password}\r\n*1\r\n$4\r\nPING\r\n";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request), timeout.Token);
        var answer = new StringBuilder();
        var buffer = new byte[256];
        while (!answer.ToString().Contains("+PONG\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0 || answer.ToString().StartsWith('-'))
            {
                throw new InvalidOperationException($"redis answered: {answer.ToString().Trim()}");
            }

            answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
    }
}
