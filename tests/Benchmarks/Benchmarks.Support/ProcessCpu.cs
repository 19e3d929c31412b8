using System.Globalization;

namespace Benchmarks.Support;

/// <summary>
/// CPU time (user + system) spent so far by the whole machine, by every PostgreSQL process, by
/// RabbitMQ's Erlang VM, by every Redis server and by this process (the benchmark with the hosts it runs), from <c>/proc</c>.
/// The differences over a measurement, divided by its operations, say where each operation's CPU
/// went. Linux only; elsewhere every figure is zero.
/// </summary>
public readonly record struct ProcessCpu(TimeSpan Machine, TimeSpan Database, TimeSpan Broker, TimeSpan Benchmark, TimeSpan Cache)
{
    // USER_HZ, the unit of /proc's CPU times, is 100 on every Linux the platform runs on.
    private const double TicksPerSecond = 100;

    public static ProcessCpu Now()
    {
        if (!File.Exists("/proc/stat"))
        {
            return default;
        }

        double database = 0, broker = 0, cache = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            var (name, ticks) = ReadProcess(Path.Combine(directory, "stat"));
            if (name == "postgres")
            {
                database += ticks;
            }
            else if (name == "beam.smp")
            {
                broker += ticks;
            }
            else if (name == "redis-server")
            {
                cache += ticks;
            }
        }

        var (_, own) = ReadProcess("/proc/self/stat");
        return new ProcessCpu(Seconds(MachineBusyTicks()), Seconds(database), Seconds(broker), Seconds(own), Seconds(cache));
    }

    /// <summary>User plus system CPU time the process <paramref name="pid"/> has used so far (zero once it is gone).</summary>
    public static TimeSpan OfProcess(int pid) => Seconds(ReadProcess($"/proc/{pid}/stat").Ticks);

    public static ProcessCpu operator -(ProcessCpu after, ProcessCpu before) => new(
        after.Machine - before.Machine,
        after.Database - before.Database,
        after.Broker - before.Broker,
        after.Benchmark - before.Benchmark,
        after.Cache - before.Cache);

    private static TimeSpan Seconds(double ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>The command name and utime + stime of one process; a process gone meanwhile counts nothing.</summary>
    private static (string Name, double Ticks) ReadProcess(string statPath)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(statPath);
        }
        catch (IOException)
        {
            return ("", 0);
        }
        catch (UnauthorizedAccessException)
        {
            return ("", 0);
        }

        // "pid (comm) state ppid …": comm may hold spaces, so split after its closing parenthesis.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return ("", 0);
        }

        var fields = stat[(close + 2)..].Split(' ');
        // After the command name: state is field 0, utime field 11, stime field 12.
        return (stat[(open + 1)..close], Parse(fields[11]) + Parse(fields[12]));
    }

    /// <summary>user + nice + system + irq + softirq + steal of the first line of <c>/proc/stat</c>.</summary>
    private static double MachineBusyTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Parse(fields[1]) + Parse(fields[2]) + Parse(fields[3]) + Parse(fields[6]) + Parse(fields[7]) + Parse(fields[8]);
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
