using Benchmarks.Support;
using Npgsql;

namespace Coupons.Benchmark;

/// <summary>
/// CPU time of the PostgreSQL server processes serving this benchmark's database (the service's,
/// the relay's and the hand-written program's connections), apart from other work on the shared
/// server, which the whole server's CPU includes. Background processes (WAL writer, checkpointer)
/// are not counted; a backend's own commit and WAL flush are.
/// </summary>
internal sealed class DatabaseBackends(NpgsqlDataSource dataSource)
{
    public async Task<Dictionary<int, TimeSpan>> SnapshotAsync()
    {
        var pids = new List<int>();
        await using (var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        return pids.ToDictionary(pid => pid, ProcessCpu.OfProcess);
    }

    /// <summary>The CPU the backends present in both snapshots spent between them.</summary>
    public static TimeSpan Spent(Dictionary<int, TimeSpan> before, Dictionary<int, TimeSpan> after) =>
        after.Where(a => before.ContainsKey(a.Key) && a.Value >= before[a.Key])
            .Aggregate(TimeSpan.Zero, (sum, a) => sum + (a.Value - before[a.Key]));
}
