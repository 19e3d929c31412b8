using System.Globalization;

namespace Gateway.Benchmark;

/// <summary>Command line: <c>--seconds 8 --warmup 2 --rounds 2 --connections 32 --threads 1</c>.</summary>
internal sealed record BenchmarkSettings(int Seconds, int WarmupSeconds, int Rounds, int Connections, int Threads)
{
    public static BenchmarkSettings FromArguments(string[] args)
    {
        int Read(string name, int fallback)
        {
            var index = Array.IndexOf(args, "--" + name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkSettings(Read("seconds", 8), Read("warmup", 2), Read("rounds", 2), Read("connections", 32), Read("threads", 1));
    }
}
