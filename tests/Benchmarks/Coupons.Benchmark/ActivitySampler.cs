using System.Globalization;
using Npgsql;

namespace Coupons.Benchmark;

/// <summary>
/// Where this database's server processes spend their time, sampled from <c>pg_stat_activity</c>
/// every few milliseconds (a stand-in for <c>pg_stat_statements</c>, which the shared server does not
/// load): per sample, each backend of the database that is not idle counts once for its statement
/// and wait event. The shares say which statements are in flight, and what they wait on, most often.
/// </summary>
internal sealed class ActivitySampler(NpgsqlDataSource dataSource)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            SELECT state || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 70)
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
            """,
            connection);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var key = reader.GetString(0);
                    _counts[key] = _counts.GetValueOrDefault(key) + 1;
                }
            }

            _samples++;
            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public void Print(int top = 15)
    {
        Console.WriteLine($"pg_stat_activity sampled {_samples} times: backends not idle per sample, by state, wait event and statement");
        foreach (var (key, count) in _counts.OrderByDescending(c => c.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count / (double)Math.Max(1, _samples),5:F2}  {key}"));
        }
    }
}
