using Npgsql;
using PartnerPlatform.AppHost.Orchestration;

namespace PartnerPlatform.AppHost;

/// <summary>Something the AppHost runs or watches: a server, a database or a project.</summary>
public abstract class Resource
{
    protected Resource(string name, string type)
    {
        EnsureValidName(name);
        Name = name;
        Type = type;
        Log = new ResourceLog();
    }

    public string Name { get; }

    /// <summary><c>postgres</c>, <c>rabbitmq</c>, <c>redis</c>, <c>database</c> or <c>project</c>.</summary>
    public string Type { get; }

    internal List<Resource> WaitsFor { get; } = [];

    internal ResourceStatus Status { get; } = new();

    internal ResourceLog Log { get; }

    public override string ToString() => Name;

    internal static void EnsureValidName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Resource name '{name}' must use lower-case letters, digits, '-' or '_'.", nameof(name));
        }
    }
}

/// <summary>A resource other resources reach through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>Known once the resource runs; null before.</summary>
    string? ConnectionString { get; }
}

/// <summary>One of the private local servers of <c>deploy/local/servers</c>.</summary>
public abstract class ServerResource(string name, string type, string serversEnvKey)
    : Resource(name, type), IResourceWithConnectionString
{
    /// <summary>The key in the servers' env file that holds this server's connection string.</summary>
    internal string ServersEnvKey { get; } = serversEnvKey;

    public string? ConnectionString { get; internal set; }

    internal int? Port { get; set; }

    internal string? PidFile { get; set; }

    internal string? LogFile { get; set; }
}

public sealed class PostgresServerResource(string name) : ServerResource(name, "postgres", "ConnectionStrings__postgres")
{
    internal List<PostgresDatabaseResource> Databases { get; } = [];
}

public sealed class RabbitMQServerResource(string name) : ServerResource(name, "rabbitmq", "ConnectionStrings__eventbus")
{
    public Uri? ManagementUrl { get; internal set; }

    internal string? ManagementUser { get; set; }

    internal string? ManagementPassword { get; set; }
}

public sealed class RedisResource(string name) : ServerResource(name, "redis", "ConnectionStrings__redis");

/// <summary>A database on the private PostgreSQL server, created when missing.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server, string databaseName)
    : Resource(name, "database"), IResourceWithConnectionString
{
    public PostgresServerResource Server { get; } = server;

    public string DatabaseName { get; } = databaseName;

    /// <summary>False for a database whose users create its tables on first use (the key ring).</summary>
    internal bool NeedsMigrations { get; set; } = true;

    public string? ConnectionString => Server.ConnectionString is { } serverConnection
        ? new NpgsqlConnectionStringBuilder(serverConnection) { Database = DatabaseName }.ConnectionString
        : null;
}

/// <summary>A .NET project, built once and run from its built dll on a loopback port of its own.</summary>
public sealed class ProjectResource(string name, string projectPath) : Resource(name, "project")
{
    /// <summary>Absolute path of the .csproj.</summary>
    public string ProjectPath { get; } = projectPath;

    internal List<Resource> References { get; } = [];

    internal string? HealthCheckPath { get; set; }

    internal Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    internal List<ResourceUrl> Urls { get; } = [];

    internal bool SeedsDemoData { get; set; }

    /// <summary>Accounts the project creates from its configuration, listed in Development.</summary>
    internal List<DemoAccount> DemoAccounts { get; } = [];

    /// <summary>Chosen when the application is built and kept across restarts, so references stay valid.</summary>
    public int Port { get; internal set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>Projects run a <c>--migrate</c> stage first when they reference a database that needs migrations.</summary>
    internal bool HasMigrations => References.OfType<PostgresDatabaseResource>().Any(d => d.NeedsMigrations);
}

/// <summary>A link shown for a project (e.g. its API docs), relative to the project's URL.</summary>
public sealed record ResourceUrl(string Path, string DisplayText);
