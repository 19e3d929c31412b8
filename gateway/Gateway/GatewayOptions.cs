namespace Gateway;

/// <summary>The <c>Gateway</c> configuration section; defaults live in appsettings.json, every key is listed in the README.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>How long the gateway waits for an upstream's next byte before answering 504 <c>GW.0504</c> (per cluster: <c>ReverseProxy:Clusters:{id}:HttpRequest:ActivityTimeout</c>).</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on each call the gateway makes itself: downstream <c>/health</c> and error catalogues.</summary>
    public TimeSpan DownstreamCallTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest request body forwarded (per route: <c>ReverseProxy:Routes:{id}:MaxRequestBodySize</c>); larger answers 413 <c>GW.0413</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Paths answered without a token: exact paths, or a prefix ending in <c>/**</c>. Case-insensitive.</summary>
    public List<string> PublicRoutes { get; set; } = [];

    /// <summary>
    /// Runs Kestrel's request processing on the socket's I/O thread instead of queueing it to the
    /// thread pool (<c>SocketTransportOptions.UnsafePreferInlineScheduling</c>); off by default. Pair it
    /// with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> in the process environment. Measured in
    /// tests/Benchmarks/Gateway.Benchmark/README.md: cheaper per request at low concurrency and in front
    /// of endpoints that query a database, dearer on trivial ones; anything blocking in the pipeline
    /// would stall every connection of that I/O thread.
    /// </summary>
    public bool InlineScheduling { get; set; }

    public RateLimitOptions RateLimits { get; set; } = new();

    public CorsSettings Cors { get; set; } = new();
}

/// <summary>
/// The gateway's use of the platform's rate limits; the default limit and window are the
/// platform-wide <c>RateLimiting:Limit</c> and <c>RateLimiting:Window</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Per-route overrides: route id (as in <c>ReverseProxy:Routes</c>) → permits per window.</summary>
    public Dictionary<string, int> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class CorsSettings
{
    /// <summary>Frontend origins allowed to call the API from a browser (e.g. <c>https://partner.example.com</c>).</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
