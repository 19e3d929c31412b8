using System.Globalization;

namespace Gateway.Benchmark;

/// <summary>
/// Command line: <c>--seconds 5 --warmup 1 --warmup-requests 50000 --rounds 3 --latency-seconds 3 --connections 32 --threads 1 --nginx-workers auto</c>,
/// and any number of <c>--gateway-env NAME=VALUE</c>: extra environment of the gateway process only, for
/// A/B runs (e.g. <c>--gateway-env DOTNET_gcServer=1</c>, <c>--gateway-env Gateway__RateLimits__Enabled=false</c>).
/// <c>--nginx-workers</c> is the nginx baseline's <c>worker_processes</c> (a number or <c>auto</c>).
/// Any number of <c>--gateway-b-env NAME=VALUE</c> starts a second gateway with that environment on
/// top: its rounds alternate with the first's and nginx's, for an A/B in the same run.
/// <c>--bare-yarp</c> makes gateway B bare YARP instead (<see cref="BareYarp"/>): one catch-all route, nothing of the gateway's.
/// <c>--warmup-requests</c>: before the rounds, each gateway serves at least this many requests per
/// endpoint and then runs until two one-second runs agree within 15 % (tiered compilation has settled), 60 s at most.
/// </summary>
internal sealed record BenchmarkSettings(
    int Seconds, int WarmupSeconds, int Rounds, int LatencySeconds, int Connections, int Threads, string NginxWorkers, IReadOnlyDictionary<string, string> GatewayEnvironment,
    IReadOnlyDictionary<string, string> GatewayBEnvironment, int WarmupRequests, bool BareYarp)
{
    public static BenchmarkSettings FromArguments(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        Dictionary<string, string> Environment(string option)
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i++)
            {
                if (args[i] == option)
                {
                    var pair = args[i + 1].Split('=', 2);
                    environment[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException($"{option} {args[i + 1]}: expected NAME=VALUE.");
                }
            }

            return environment;
        }

        var workersIndex = Array.IndexOf(args, "--nginx-workers");
        var nginxWorkers = workersIndex >= 0 && workersIndex + 1 < args.Length ? args[workersIndex + 1] : "auto";
        if (nginxWorkers != "auto" && !int.TryParse(nginxWorkers, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            throw new ArgumentException($"--nginx-workers {nginxWorkers}: expected a number or auto.");
        }

        var bareYarp = args.Contains("--bare-yarp");
        if (bareYarp && Array.IndexOf(args, "--gateway-b-env") >= 0)
        {
            throw new ArgumentException("--bare-yarp and --gateway-b-env both set gateway B: give one.");
        }

        return new BenchmarkSettings(Read("seconds", 5), Read("warmup", 1), Read("rounds", 3), Read("latency-seconds", 3), Read("connections", 32), Read("threads", 1), nginxWorkers,
            Environment("--gateway-env"), Environment("--gateway-b-env"), Read("warmup-requests", 50_000), bareYarp);
    }
}
