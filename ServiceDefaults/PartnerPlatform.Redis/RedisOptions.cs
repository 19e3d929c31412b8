using System.Globalization;

namespace PartnerPlatform.Redis;

/// <summary>
/// Where and how to connect. <see cref="Parse"/> reads Aspire-style connection strings:
/// <c>host:port,password=…,defaultDatabase=N</c> plus <c>user</c>, <c>ssl</c>, <c>connectTimeout</c>
/// and <c>syncTimeout</c>/<c>asyncTimeout</c> (milliseconds) and <c>name</c>. Other keys of that
/// format (abortConnect, connectRetry, allowAdmin…) are accepted and ignored.
/// </summary>
public sealed class RedisOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 6379;

    /// <summary>ACL user name; AUTH sends only the password when it is null.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Database selected on every (re)connect.</summary>
    public int Database { get; set; }

    public bool Ssl { get; set; }

    /// <summary>Sent as CLIENT SETNAME on connect when set.</summary>
    public string? ClientName { get; set; }

    /// <summary>Bound on one connect attempt: TCP connect, TLS, AUTH and SELECT.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command waits for its reply once written.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait after the first failed connect attempt; doubles with each further failure.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the wait between connect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    public static RedisOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new RedisOptions();
        var endpointSeen = false;
        foreach (var part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (endpointSeen)
                {
                    throw new FormatException("The Redis connection string names more than one endpoint; this client connects to one server.");
                }

                (options.Host, options.Port) = ParseEndpoint(part);
                endpointSeen = true;
                continue;
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            switch (key.ToUpperInvariant())
            {
                case "PASSWORD":
                    options.Password = value.Length == 0 ? null : value;
                    break;
                case "USER":
                    options.User = value.Length == 0 ? null : value;
                    break;
                case "DEFAULTDATABASE":
                    options.Database = ParseInt(key, value, min: 0);
                    break;
                case "SSL":
                    options.Ssl = bool.TryParse(value, out var ssl) ? ssl : throw Invalid(key, value);
                    break;
                case "CONNECTTIMEOUT":
                    options.ConnectTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, min: 1));
                    break;
                case "SYNCTIMEOUT" or "ASYNCTIMEOUT":
                    options.CommandTimeout = TimeSpan.FromMilliseconds(ParseInt(key, value, min: 1));
                    break;
                case "NAME":
                    options.ClientName = value.Length == 0 ? null : value;
                    break;
                default:
                    break;
            }
        }

        return endpointSeen ? options : throw new FormatException("The Redis connection string names no host:port endpoint.");
    }

    internal RedisOptions Clone() => (RedisOptions)MemberwiseClone();

    /// <summary>The options as a connection string, password masked.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port},defaultDatabase={Database},ssl={(Ssl ? "true" : "false")}{(User is null ? "" : ",user=" + User)}{(Password is null ? "" : ",password=*****")}");

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        string host;
        string? port;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Invalid Redis endpoint '{endpoint}'.");
            }

            host = endpoint[1..close];
            port = endpoint.Length > close + 1 && endpoint[close + 1] == ':' ? endpoint[(close + 2)..] : null;
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint[..colon];
            port = colon < 0 ? null : endpoint[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"Invalid Redis endpoint '{endpoint}'.");
        }

        return (host, port is null ? 6379 : ParseInt("port", port, min: 1, max: 65535));
    }

    private static int ParseInt(string key, string value, int min, int max = int.MaxValue) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw Invalid(key, value);

    private static FormatException Invalid(string key, string value) =>
        new($"Invalid value '{value}' for '{key}' in the Redis connection string.");
}
