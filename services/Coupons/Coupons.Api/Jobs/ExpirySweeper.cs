using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Jobs;

/// <summary>
/// Expires available coupons and quotas past their expiry time. Each round claims due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances sweep side by side without doing a row
/// twice, and rows a recall or redemption holds are left for the next round.
/// </summary>
public sealed class ExpirySweeper(IServiceScopeFactory scopeFactory, TimeProvider timeProvider, IOptions<CouponsOptions> options, ILogger<ExpirySweeper> logger)
    : BackgroundService
{
    /// <summary>Sweeps until nothing is due; returns the number of coupons expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int expired;
        do
        {
            expired = await ExpireCouponBatchAsync(cancellationToken);
            total += expired;
        }
        while (expired == options.Value.ExpirySweepBatchSize);

        while (await ExpireQuotaBatchAsync(cancellationToken) == options.Value.ExpirySweepBatchSize)
        {
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, timeProvider);
        do
        {
            try
            {
                var expired = await SweepAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} coupons", expired);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The expiry sweep failed; next attempt in {Interval}", options.Value.ExpirySweepInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task<int> ExpireCouponBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouponsDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Coupons.FromSql(
            $"""
            SELECT * FROM coupons
            WHERE status = 'available' AND expires_at <= {now}
            ORDER BY expires_at
            LIMIT {options.Value.ExpirySweepBatchSize}
            FOR UPDATE SKIP LOCKED
            """).AsTracking().ToListAsync(cancellationToken);
        foreach (var coupon in due)
        {
            var lapsed = coupon.Balance;
            coupon.Balance = 0;
            coupon.Status = CouponStatus.Expired;
            coupon.ClosedAt = now;
            coupon.UpdatedAt = now;
            db.CouponLedgerEntries.Add(new CouponLedgerEntry
            {
                CouponId = coupon.Id, Kind = CouponLedgerKind.Expired, Amount = -lapsed, BalanceAfter = 0, OccurredAt = now,
            });
            outbox.Add(new CouponExpired(coupon.Id, coupon.IssuerPartnerId, coupon.CustomerId, Money.Normalize(lapsed), coupon.Currency, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task<int> ExpireQuotaBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CouponsDbContext>();
        var now = timeProvider.Now();
        return await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE quotas SET status = 'invalid', updated_at = {now}
            WHERE id IN (
                SELECT id FROM quotas WHERE status <> 'invalid' AND expires_at <= {now}
                LIMIT {options.Value.ExpirySweepBatchSize}
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
