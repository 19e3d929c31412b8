using System.Globalization;

namespace Redis.Benchmark;

internal sealed record BenchmarkSettings(double Seconds, int Rounds, int Callers, int ValueSize, int KeySpace, string? ConnectionString)
{
    public static BenchmarkSettings FromArguments(string[] args)
    {
        var settings = new BenchmarkSettings(Seconds: 2, Rounds: 5, Callers: 50, ValueSize: 3, KeySpace: 10_000, ConnectionString: null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            settings = args[i] switch
            {
                "--seconds" => settings with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--rounds" => settings with { Rounds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--callers" => settings with { Callers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--value-size" => settings with { ValueSize = int.Parse(value, CultureInfo.InvariantCulture) },
                "--keys" => settings with { KeySpace = int.Parse(value, CultureInfo.InvariantCulture) },
                "--connection" => settings with { ConnectionString = value },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Known: --seconds, --rounds, --callers, --value-size, --keys, --connection."),
            };
        }

        return settings;
    }

    /// <summary>The key names redis-benchmark uses with -r: key:000000001234.</summary>
    public string[] Keys() =>
        [.. Enumerable.Range(0, KeySpace).Select(i => "key:" + i.ToString("D12", CultureInfo.InvariantCulture))];
}
