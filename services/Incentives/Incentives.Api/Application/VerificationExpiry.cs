using Incentives.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// Voids monthly lists not verified by their deadline (seed: 14 working days). Claims due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances sweep side by side, and a list a partner is
/// verifying at that moment is left for the next round (where the verification has decided it).
/// </summary>
public sealed class VerificationExpiry(IServiceScopeFactory scopeFactory, TimeProvider time, IOptions<IncentivesOptions> options)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int voided;
        do
        {
            voided = await SweepBatchAsync(cancellationToken);
            total += voided;
        }
        while (voided == options.Value.BatchSize);
        return total;
    }

    private async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IncentivesDbContext>();
        var verification = scope.ServiceProvider.GetRequiredService<FhVerification>();
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.FhMonthlyLists.FromSql(
            $"""
            SELECT * FROM fh_monthly_lists
            WHERE status = 'awaiting_verification' AND verify_by < {now}
            ORDER BY verify_by
            LIMIT {options.Value.BatchSize}
            FOR UPDATE SKIP LOCKED
            """).AsTracking().ToListAsync(cancellationToken);
        foreach (var list in due)
        {
            verification.Void(list, "verification_expired", now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
