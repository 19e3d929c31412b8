namespace PartnerPlatform.AppHost.LocalServers;

/// <summary>
/// A Debian server (PostgreSQL, RabbitMQ, Redis) run as an executable by <c>deploy/local/servers serve</c>
/// on a port the orchestrator allocates. Its password reaches the script through the environment.
/// </summary>
public abstract class LocalServerResource(string name, string script, ParameterResource password)
    : ExecutableResource(name, script, Path.GetDirectoryName(script)!), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    private EndpointReference? _endpoint;

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => _endpoint ??= new(this, EndpointName);

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}

public sealed class PostgresServerResource(string name, string script, ParameterResource password)
    : LocalServerResource(name, script, password)
{
    private readonly List<PostgresDatabaseResource> _databases = [];

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);
}

/// <summary>A database on the PostgreSQL server: created once the server is healthy, Running from then on.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Parent { get; } = parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Parent.ConnectionStringExpression};Database={DatabaseName}");
}

public sealed class RabbitMQServerResource(string name, string script, ParameterResource password)
    : LocalServerResource(name, script, password)
{
    public const string UserName = "platform";
    public const string ManagementEndpointName = "management";

    private EndpointReference? _management;

    public EndpointReference ManagementEndpoint => _management ??= new(this, ManagementEndpointName);

    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

public sealed class RedisServerResource(string name, string script, ParameterResource password)
    : LocalServerResource(name, script, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}
