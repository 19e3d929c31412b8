using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// Every process the AppHost starts leads a session (and process group) of its own, so the whole
/// tree it spawns can be signalled at once and checked for leftovers through /proc.
/// </summary>
public static class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;

    /// <summary>Live (non-zombie) processes whose process group or session is <paramref name="groupId"/>.</summary>
    public static IReadOnlyList<int> Members(int groupId)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ReadStat(pid) is { } stat && stat.State != 'Z' && (stat.GroupId == groupId || stat.SessionId == groupId))
            {
                members.Add(pid);
            }
        }

        return members;
    }

    public static bool IsAlive(int pid) => ReadStat(pid) is { State: not 'Z' };

    /// <summary>When the process started, from /proc (null when it is gone).</summary>
    public static DateTimeOffset? StartTime(int pid)
    {
        if (ReadStat(pid) is not { } stat)
        {
            return null;
        }

        try
        {
            var bootLine = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
            if (bootLine is null)
            {
                return null;
            }

            var boot = DateTimeOffset.FromUnixTimeSeconds(long.Parse(bootLine[6..], CultureInfo.InvariantCulture));
            return boot.AddSeconds(stat.StartTicks / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGTERM to the group, then SIGKILL after <paramref name="grace"/>; true when nothing is left.</summary>
    public static async Task<bool> TerminateAsync(int groupId, TimeSpan grace)
    {
        if (Members(groupId).Count == 0)
        {
            return true;
        }

        Signal(groupId, SigTerm);
        if (await WaitUntilEmptyAsync(groupId, grace))
        {
            return true;
        }

        Signal(groupId, SigKill);
        foreach (var pid in Members(groupId))
        {
            _ = Kill(pid, SigKill); // a member that left the group but kept the session
        }

        return await WaitUntilEmptyAsync(groupId, TimeSpan.FromSeconds(5));
    }

    /// <summary>SIGKILL to whatever is left of a group whose leader already died.</summary>
    public static Task<bool> KillLeftoversAsync(int groupId)
    {
        foreach (var pid in Members(groupId))
        {
            _ = Kill(pid, SigKill);
        }

        return WaitUntilEmptyAsync(groupId, TimeSpan.FromSeconds(5));
    }

    private static async Task<bool> WaitUntilEmptyAsync(int groupId, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (Members(groupId).Count > 0)
        {
            if (Stopwatch.GetElapsedTime(started) >= limit)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static void Signal(int groupId, int signal) => _ = Kill(-groupId, signal);

    private static ProcStat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session ..." where comm may hold spaces and parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(
            fields[0][0],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    private sealed record ProcStat(char State, int GroupId, int SessionId, long StartTicks);
}
