namespace PartnerPlatform.Testing;

/// <summary>
/// Where the private local servers (<c>deploy/local/servers</c>) listen. Values come from the
/// process environment first (<c>./test</c> exports them) and from the env file the script writes
/// second, so a test started from an IDE finds the servers too.
/// </summary>
public sealed class ServerEnvironment
{
    public const string HowToStart =
        "Start the private local servers with 'deploy/local/servers start' from the repository root " +
        "(./test does this for you).";

    private static readonly Lazy<ServerEnvironment> LazyCurrent = new(Load);

    private ServerEnvironment(IReadOnlyDictionary<string, string> values)
    {
        PostgresConnectionString = Require(values, "ConnectionStrings__postgres");
        EventBusUri = new Uri(Require(values, "ConnectionStrings__eventbus"));
        RedisConnectionString = Require(values, "ConnectionStrings__redis");
        RabbitMqManagementUrl = new Uri(Require(values, "RABBITMQ_MANAGEMENT_URL"));
        RabbitMqManagementUser = Require(values, "RABBITMQ_MANAGEMENT_USER");
        RabbitMqManagementPassword = Require(values, "RABBITMQ_MANAGEMENT_PASSWORD");
        RepositoryRoot = FindRepositoryRoot();
    }

    public string PostgresConnectionString { get; }
    public Uri EventBusUri { get; }
    public string RedisConnectionString { get; }
    public Uri RabbitMqManagementUrl { get; }
    public string RabbitMqManagementUser { get; }
    public string RabbitMqManagementPassword { get; }
    public string? RepositoryRoot { get; }

    /// <summary>The servers' facts; throws with instructions when they cannot be found.</summary>
    public static ServerEnvironment Current => LazyCurrent.Value;

    private static ServerEnvironment Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var envFile = Environment.GetEnvironmentVariable("PP_SERVERS_ENV_FILE");
        if (string.IsNullOrEmpty(envFile) && FindRepositoryRoot() is { } root)
        {
            envFile = Path.Combine(root, ".data", "servers", "servers.env");
        }

        if (!string.IsNullOrEmpty(envFile) && File.Exists(envFile))
        {
            foreach (var (key, value) in ParseEnvFile(File.ReadAllLines(envFile)))
            {
                values[key] = value;
            }
        }

        foreach (var key in new[]
                 {
                     "ConnectionStrings__postgres", "ConnectionStrings__eventbus", "ConnectionStrings__redis",
                     "RABBITMQ_MANAGEMENT_URL", "RABBITMQ_MANAGEMENT_USER", "RABBITMQ_MANAGEMENT_PASSWORD",
                 })
        {
            if (Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment)
            {
                values[key] = fromEnvironment;
            }
        }

        return new ServerEnvironment(values);
    }

    /// <summary>Parses the <c>KEY='value'</c> lines the servers script writes.</summary>
    public static IEnumerable<(string Key, string Value)> ParseEnvFile(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..];
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            yield return (line[..equals], value);
        }
    }

    private static string Require(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException($"The private local servers are not configured: '{key}' is not set. {HowToStart}");

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
