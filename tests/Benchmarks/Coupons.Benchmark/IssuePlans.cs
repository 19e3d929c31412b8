using Coupons.Api.Application;
using Coupons.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Benchmark;

/// <summary>
/// PostgreSQL's plans with actual times and buffers (<c>auto_explain</c> with analyze and buffers,
/// sent back to the client as notices) of one service issue, run by <see cref="IssuingService"/>
/// itself on a connection of its own (no HTTP; without an Idempotency-Key, as the statement's key
/// insert needs the filter), and of one hand-written batch. Each path first runs a few issues on
/// the connection, so the plans printed are the ones it settles on (PostgreSQL's generic plan after
/// five executions of a prepared statement).
/// </summary>
internal static class IssuePlans
{
    private const int Warm = 8;

    public static async Task PrintAsync(IServiceProvider services, string connectionString, Issuer issuer, HandWrittenIssue handWritten)
    {
        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "coupons-benchmark-explain" }.ConnectionString);
        await using var dataSource = builder.Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var explain = new NpgsqlCommand(
            """
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_analyze = on;
            SET auto_explain.log_buffers = on;
            SET auto_explain.log_level = notice;
            """,
            connection))
        {
            await explain.ExecuteNonQueryAsync();
        }

        var plans = new List<string>();
        connection.Notice += (_, notice) => plans.Add(notice.Notice.MessageText);
        var caller = new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = "bench-explain",
            PartnerId = issuer.PartnerId.ToString(),
            Programmes = new HashSet<string> { "solution_provider" },
            Permissions = new HashSet<string> { "coupons.issue" },
        };
        var request = new IssueCouponsRequest { QuotaId = issuer.QuotaId, CustomerIds = [issuer.CustomerId], FaceValue = 0.01m };
        for (var i = 0; i <= Warm; i++)
        {
            plans.Clear();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CouponsDbContext>();
            db.Database.SetDbConnection(connection);
            await scope.ServiceProvider.GetRequiredService<IssuingService>().IssueAsync(caller, request, null, CancellationToken.None);
        }

        Print("service issue statement (deciding statement, then the charge)", plans);
        for (var i = 0; i <= Warm; i++)
        {
            plans.Clear();
            await handWritten.IssueAsync(issuer, connection);
        }

        Print("hand-written batch (eight statements)", plans);
    }

    private static void Print(string what, List<string> plans)
    {
        Console.WriteLine($"plans of one {what}, after {Warm} on the same connection:");
        foreach (var plan in plans)
        {
            Console.WriteLine(plan);
        }
    }
}
