using Incentives.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// Confirms statement lines nobody confirmed by their deadline. Lines with open feedback are not due. Claims
/// with <c>FOR UPDATE SKIP LOCKED</c>: a line a partner is confirming or commenting on at that moment is
/// skipped, and after that partner's commit the line is no longer due (confirmed, or paused by feedback).
/// </summary>
public sealed class AutoConfirmation(IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<IncentivesOptions> options)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int confirmed;
        do
        {
            confirmed = await SweepBatchAsync(cancellationToken);
            total += confirmed;
        }
        while (confirmed == options.Value.BatchSize);
        return total;
    }

    private async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncentivesDbContext>();
        var statements = scope.ServiceProvider.GetRequiredService<Statements>();
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.StatementLines.FromSql(
            $"""
            SELECT * FROM statement_lines
            WHERE status = 'pending_confirmation' AND feedback_at IS NULL AND confirm_by < {now}
            ORDER BY confirm_by
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).AsTracking().ToListAsync(cancellationToken);
        foreach (var line in due)
        {
            statements.Confirm(line, automatically: true, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
