using System.Globalization;

namespace Gateway.Benchmark;

/// <summary>
/// Command line: <c>--seconds 5 --warmup 1 --rounds 3 --latency-seconds 3 --connections 32 --threads 1 --nginx-workers auto</c>,
/// and any number of <c>--gateway-env NAME=VALUE</c>: extra environment of the gateway process only, for
/// A/B runs (e.g. <c>--gateway-env DOTNET_gcServer=1</c>, <c>--gateway-env Gateway__RateLimits__Enabled=false</c>).
/// <c>--nginx-workers</c> is the reference nginx's <c>worker_processes</c> (a number or <c>auto</c>).
/// </summary>
internal sealed record BenchmarkSettings(
    int Seconds, int WarmupSeconds, int Rounds, int LatencySeconds, int Connections, int Threads, string NginxWorkers, IReadOnlyDictionary<string, string> GatewayEnvironment)
{
    public static BenchmarkSettings FromArguments(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var gatewayEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--gateway-env")
            {
                var pair = args[i + 1].Split('=', 2);
                gatewayEnvironment[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException($"--gateway-env {args[i + 1]}: expected NAME=VALUE.");
            }
        }

        var workersIndex = Array.IndexOf(args, "--nginx-workers");
        var nginxWorkers = workersIndex >= 0 && workersIndex + 1 < args.Length ? args[workersIndex + 1] : "auto";
        if (nginxWorkers != "auto" && !int.TryParse(nginxWorkers, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException($"--nginx-workers {nginxWorkers}: expected a number or auto.");
        }

        return new BenchmarkSettings(Read("seconds", 5), Read("warmup", 1), Read("rounds", 3), Read("latency-seconds", 3), Read("connections", 32), Read("threads", 1), nginxWorkers, gatewayEnvironment);
    }
}
