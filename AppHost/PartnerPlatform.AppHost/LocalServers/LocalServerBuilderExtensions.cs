using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PartnerPlatform.AppHost.LocalServers;

/// <summary>
/// <c>AddPostgres</c>, <c>AddRabbitMQ</c>, <c>AddRedis</c>: the Debian servers as executables, started by
/// <c>deploy/local/servers serve</c> (the script <c>deploy/local/servers start</c> uses for the shared
/// servers), with data under <c>LocalServers:DataDirectory</c> (default <c>.data/apphost/servers</c>)
/// and a generated password kept across runs.
/// </summary>
public static class LocalServerBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var server = new PostgresServerResource(name, ServersScript(builder), builder.AddGeneratedPassword($"{name}-password").Resource);
        var postgres = builder.AddLocalServer(server, "postgres");
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, cancellationToken) =>
        {
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Databases)
            {
                try
                {
                    await CreateDatabaseAsync(server, database, cancellationToken);
                    await notifications.PublishUpdateAsync(database, state => state with
                    {
                        State = KnownResourceStates.Running,
                        StartTimeStamp = DateTime.UtcNow,
                    });
                }
                catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
                {
                    ready.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database)
                        .LogError(exception, "Creating database {Database} failed", database.DatabaseName);
                    await notifications.PublishUpdateAsync(database, state => state with { State = KnownResourceStates.FailedToStart });
                }
            }
        });
        return postgres;
    }

    /// <summary>A database on the server: created when missing once the server is healthy, then Running.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.AddDatabase(database);
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("database", database.DatabaseName)],
            })
            .WithCheck(server.ApplicationBuilder);
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name)
    {
        var server = new RabbitMQServerResource(name, ServersScript(builder), builder.AddGeneratedPassword($"{name}-password").Resource);
        return builder.AddLocalServer(server, "rabbitmq")
            .WithHttpEndpoint(name: RabbitMQServerResource.ManagementEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("--management-port");
                context.Args.Add(server.ManagementEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithUrlForEndpoint(RabbitMQServerResource.ManagementEndpointName, url => url.DisplayText = $"RabbitMQ management (user {RabbitMQServerResource.UserName})");
    }

    public static IResourceBuilder<RedisServerResource> AddRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var server = new RedisServerResource(name, ServersScript(builder), builder.AddGeneratedPassword($"{name}-password").Resource);
        return builder.AddLocalServer(server, "redis");
    }

    /// <summary>
    /// s3rver (<see cref="S3ServerResource"/>) with the buckets given, healthy once it lists the first
    /// one. Its objects live in <c>{LocalServers:DataDirectory}/{name}</c>; SIGTERM from the
    /// orchestrator ends node, which holds nothing that needs a clean close.
    /// </summary>
    public static IResourceBuilder<S3ServerResource> AddS3Server(this IDistributedApplicationBuilder builder, string name, string bucket, params string[] moreBuckets)
    {
        var server = new S3ServerResource(name, Path.Combine(builder.AppHostDirectory, "S3Server"));
        server.Buckets.AddRange([bucket, .. moreBuckets]);
        var dataDirectory = Path.Combine(DataDirectory(builder), name);
        return builder.AddResource(server)
            .WithHttpEndpoint(name: S3ServerResource.EndpointName)
            .WithArgs(context =>
            {
                Directory.CreateDirectory(dataDirectory);
                context.Args.Add(Path.Combine("node_modules", "s3rver", "bin", "s3rver.js"));
                context.Args.Add("--directory");
                context.Args.Add(dataDirectory);
                context.Args.Add("--address");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--port");
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var bucketName in server.Buckets)
                {
                    context.Args.Add("--configure-bucket");
                    context.Args.Add(bucketName);
                }
            })
            .WithHttpHealthCheck("/" + bucket, endpointName: S3ServerResource.EndpointName);
    }

    /// <summary>
    /// A secret parameter: <c>Parameters:{name}</c> from configuration when set, else generated on the
    /// first start and kept in the AppHost's user secrets.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedPassword(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

    private static IResourceBuilder<T> AddLocalServer<T>(this IDistributedApplicationBuilder builder, T server, string component)
        where T : LocalServerResource
    {
        var dataDirectory = DataDirectory(builder);
        return builder.AddResource(server)
            .WithEndpoint(name: LocalServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("serve");
                context.Args.Add(component);
                context.Args.Add("--port");
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .WithEnvironment("PP_DATA_DIR", dataDirectory)
            // The script reads the password from its environment: arguments are printed in the console log.
            .WithEnvironment("PP_SERVER_PASSWORD", server.Password)
            .WithCheck(builder);
    }

    private static IResourceBuilder<T> WithCheck<T>(this IResourceBuilder<T> resource, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var key = $"{resource.Resource.Name}_check";
        builder.Services.AddHealthChecks().AddCheck(key, new LocalServerHealthCheck(resource.Resource));
        return resource.WithHealthCheck(key);
    }

    private static async Task CreateDatabaseAsync(PostgresServerResource server, PostgresDatabaseResource database, CancellationToken cancellationToken)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{server.Name} has no connection string.");
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Where the local servers (and the other state of local runs) keep their data: <c>LocalServers:DataDirectory</c>.</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        builder.Configuration["LocalServers:DataDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.Combine(RepositoryRoot(builder), ".data", "apphost", "servers");

    internal static string RepositoryRoot(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));

    private static string ServersScript(IDistributedApplicationBuilder builder) =>
        Path.Combine(RepositoryRoot(builder), "deploy", "local", "servers");
}
