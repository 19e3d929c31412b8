using System.Net;
using System.Net.Sockets;

namespace PartnerPlatform.AppHost;

/// <summary>Collects the resource declarations of Program.cs, like Aspire's builder.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options) => Options = options;

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name) => AddServer(new PostgresServerResource(name));

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name) => AddServer(new RabbitMQServerResource(name));

    public IResourceBuilder<RedisResource> AddRedis(string name) => AddServer(new RedisResource(name));

    /// <summary>A project, its path relative to the AppHost project's folder (or absolute).</summary>
    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(Options.ResolvedAppHostDirectory, projectPath));
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Project '{name}': {fullPath} does not exist.", fullPath);
        }

        return AddResource(new ProjectResource(name, fullPath));
    }

    public DistributedApplication Build()
    {
        var ports = new HashSet<int>();
        foreach (var project in _resources.OfType<ProjectResource>())
        {
            project.Port = FreeLoopbackPort(ports);
        }

        return new DistributedApplication(_resources, Options);
    }

    internal IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    /// <summary>A free port on 127.0.0.1, distinct from <paramref name="taken"/>.</summary>
    internal static int FreeLoopbackPort(ISet<int> taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (taken.Add(port))
            {
                return port;
            }
        }
    }

    private IResourceBuilder<T> AddServer<T>(T server)
        where T : ServerResource
    {
        // deploy/local/servers runs one instance of each kind.
        if (_resources.OfType<ServerResource>().Any(s => s.Type == server.Type))
        {
            throw new InvalidOperationException($"Only one {server.Type} server can be declared.");
        }

        return AddResource(server);
    }
}

/// <summary>A declared resource, for chaining <c>With…</c> calls.</summary>
public interface IResourceBuilder<out T>
    where T : Resource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : Resource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
