using System.Diagnostics;
using System.Globalization;
using Benchmarks.Support;
using Coupons.Api.Application;
using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Benchmark;

/// <summary>
/// What one issue costs PostgreSQL, on each path, on a connection of its own: the CPU of that
/// connection's server process per issue over many issues one at a time (nothing else runs on it,
/// so neither the relay nor other people's work is counted), whether PostgreSQL re-plans the
/// prepared statements (<c>pg_prepared_statements</c>), and the plans with actual times and buffers
/// of one issue (<c>auto_explain</c> with analyze and buffers, sent back as notices). The service
/// issue runs through <see cref="IssuingService"/> itself (no HTTP, and without an Idempotency-Key:
/// the statement's key insert needs the filter's request).
/// </summary>
internal static class IssuePlans
{
    public static async Task PrintAsync(IServiceProvider services, string connectionString, Issuer issuer, HandWrittenIssue handWritten, int issues)
    {
        var caller = new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = "bench-explain",
            PartnerId = issuer.PartnerId.ToString(),
            Programmes = new HashSet<string> { "solution_provider" },
            Permissions = new HashSet<string> { "coupons.issue" },
        };
        var request = new IssueCouponsRequest { QuotaId = issuer.QuotaId, CustomerIds = [issuer.CustomerId], FaceValue = 0.01m };
        var paths = new (string Name, Func<NpgsqlConnection, Task> IssueOne)[]
        {
            ("service issue statement (deciding statement, then the charge)", async connection =>
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CouponsDbContext>().Database.SetDbConnection(connection);
                await scope.ServiceProvider.GetRequiredService<IssuingService>().IssueAsync(caller, request, null, CancellationToken.None);
            }),
            ("hand-written batch (eight statements)", connection => handWritten.IssueAsync(issuer, connection)),
        };

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "coupons-benchmark-explain" };
        foreach (var (name, issueOne) in paths)
        {
            // A connection of its own per path, so each prepares its statements afresh.
            await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
            await using var connection = await dataSource.OpenConnectionAsync();
            for (var i = 0; i < 20; i++)
            {
                await issueOne(connection);
            }

            var cpuBefore = ProcessCpu.OfProcess(connection.ProcessID);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < issues; i++)
            {
                await issueOne(connection);
            }

            var cpu = ProcessCpu.OfProcess(connection.ProcessID) - cpuBefore;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name}: {issues} issues one at a time, PostgreSQL server process CPU {cpu.TotalMicroseconds / issues:F0} µs per issue, wall {clock.Elapsed.TotalMicroseconds / issues:F0} µs per issue; load average {MachineLoad.Now()}"));

            await using (var prepared = new NpgsqlCommand(
                "SELECT generic_plans, custom_plans, left(regexp_replace(statement, '\\s+', ' ', 'g'), 70) FROM pg_prepared_statements ORDER BY prepare_time", connection))
            await using (var reader = await prepared.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    Console.WriteLine($"  prepared: generic plans {reader.GetInt64(0)}, custom plans {reader.GetInt64(1)}: {reader.GetString(2)}…");
                }
            }

            await using (var explain = new NpgsqlCommand(
                "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_level = notice;",
                connection))
            {
                await explain.ExecuteNonQueryAsync();
            }

            var plans = new List<string>();
            connection.Notice += (_, notice) => plans.Add(notice.Notice.MessageText);
            await issueOne(connection);
            Console.WriteLine($"  plans of one more:");
            foreach (var plan in plans)
            {
                Console.WriteLine(plan);
            }
        }
    }
}
