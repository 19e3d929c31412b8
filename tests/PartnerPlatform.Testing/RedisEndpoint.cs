using System.Globalization;

namespace PartnerPlatform.Testing;

/// <summary>Host, port and password from a <c>host:port,password=…</c> connection string.</summary>
public sealed record RedisEndpoint(string Host, int Port, string? Password)
{
    public static RedisEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hostPort = parts[0];
        var colon = hostPort.LastIndexOf(':');
        var host = colon > 0 ? hostPort[..colon] : hostPort;
        var port = colon > 0 ? int.Parse(hostPort[(colon + 1)..], CultureInfo.InvariantCulture) : 6379;
        var password = parts.Skip(1)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Equals("password", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1])
            .FirstOrDefault();
        return new RedisEndpoint(host, port, password);
    }
}
