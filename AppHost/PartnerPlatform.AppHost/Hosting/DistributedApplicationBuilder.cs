using System.Net;
using System.Net.Sockets;

namespace PartnerPlatform.AppHost;

/// <summary>Collects the resource declarations of Program.cs, like Aspire's builder.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<Parameter> _parameters = [];

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

    /// <summary>
    /// A password for projects: <c>Parameters__{name}</c> from the AppHost's environment, else (in
    /// Development only) generated on the first start and kept in <c>.data/apphost/parameters/{name}</c>.
    /// </summary>
    public Parameter AddPassword(string name)
    {
        if (_parameters.Any(p => p.Name == name))
        {
            throw new InvalidOperationException($"A parameter named '{name}' is already declared.");
        }

        Resource.EnsureValidName(name);
        var parameter = Parameter.Password(name, Options);
        _parameters.Add(parameter);
        return parameter;
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

    /// <summary>
    /// A free port on 127.0.0.1, distinct from <paramref name="taken"/>, chosen below the kernel's
    /// ephemeral range: a port from that range can be handed to any outgoing connection between the
    /// check and the service's bind (or while the service is stopped for a restart).
    /// </summary>
    internal static int FreeLoopbackPort(ISet<int> taken)
    {
        var (low, high) = (20000, EphemeralRangeStart() - 1);
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(low, high + 1);
            if (!taken.Contains(port) && CanBind(port))
            {
                taken.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {low} and {high}.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return Math.Max(21000, int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return 32768;
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
