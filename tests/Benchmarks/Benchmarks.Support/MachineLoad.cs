namespace Benchmarks.Support;

/// <summary>The machine's load average (1, 5 and 15 minutes): every figure of a shared machine is read beside it.</summary>
public static class MachineLoad
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
