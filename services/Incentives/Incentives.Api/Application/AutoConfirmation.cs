using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// Confirms statement lines nobody confirmed by their deadline. Lines with open feedback are not due. Claims
/// with <c>FOR UPDATE SKIP LOCKED</c>: a line a partner is confirming or commenting on at that moment is
/// skipped, and after that partner's commit the line is no longer due (confirmed, or paused by feedback).
/// A batch is two round trips: the claim, then one statement confirming the claimed lines and writing their
/// <see cref="StatementConfirmed"/> outbox rows (the sweep runs over whole statement periods at once).
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
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Database.SqlQuery<DueLine>(
            $"""
            SELECT id, partner_id, period, amount, currency FROM statement_lines
            WHERE status = 'pending_confirmation' AND feedback_at IS NULL AND confirm_by < {now}
            ORDER BY confirm_by
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var events = due.Select(l => OutboxMessage.For(
            new StatementConfirmed(l.Id, l.PartnerId, Periods.MonthText(l.Period), l.Amount, l.Currency, Automatically: true, now), now)).ToList();
        List<NpgsqlParameter> parameters =
        [
            new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = due.Select(l => l.Id).ToArray() },
            new("now", NpgsqlDbType.TimestampTz) { Value = now },
            .. OutboxStatement.Parameters(events),
        ];
        var confirm = $"""
            UPDATE statement_lines SET status = 'issuing', confirmed_at = @now, confirmed_automatically = TRUE WHERE id = ANY(@ids);
            {OutboxStatement.InsertSql(db)};
            {OutboxStatement.NotifySql(db)};
            """;
        await db.Database.ExecuteSqlRawAsync(confirm, parameters, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private sealed record DueLine(Guid Id, Guid PartnerId, DateOnly Period, decimal Amount, string Currency);
}
