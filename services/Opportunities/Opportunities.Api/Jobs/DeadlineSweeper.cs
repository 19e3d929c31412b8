using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Jobs;

/// <summary>
/// Working-day deadlines: a submitted PO past its <c>validate_by</c> becomes <c>validation_expired</c>
/// (<see cref="OpportunityValidationExpired"/>);
/// an assigned HO past its <c>respond_by</c> is rejected and recalled. Each round claims due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances sweep side by side, and a row an
/// acceptance or review holds is left to that request.
/// </summary>
public sealed class DeadlineSweeper(
    IServiceScopeFactory scopeFactory, TimeProvider timeProvider, IOptions<OpportunitiesOptions> options, ILogger<DeadlineSweeper> logger)
    : BackgroundService
{
    /// <summary>Sweeps until nothing is due; returns the POs expired and the HOs recalled.</summary>
    public async Task<(int Expired, int Recalled)> SweepAsync(CancellationToken cancellationToken = default)
    {
        int expired = 0, recalled = 0, batch;
        do
        {
            batch = await ExpirePoBatchAsync(cancellationToken);
            expired += batch;
        }
        while (batch == options.Value.SweepBatchSize);

        do
        {
            batch = await RecallHandoverBatchAsync(cancellationToken);
            recalled += batch;
        }
        while (batch == options.Value.SweepBatchSize);

        return (expired, recalled);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        do
        {
            try
            {
                var (expired, recalled) = await SweepAsync(stoppingToken);
                if (expired + recalled > 0)
                {
                    logger.LogInformation("Expired {Expired} POs and recalled {Recalled} HOs", expired, recalled);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The deadline sweep failed; next attempt in {Interval}", options.Value.SweepInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task<int> ExpirePoBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpportunitiesDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Opportunities.FromSql(
            $"""
            SELECT *, xmin FROM opportunities
            WHERE status = 'submitted' AND validate_by < {now}
            ORDER BY validate_by
            LIMIT {options.Value.SweepBatchSize}
            FOR UPDATE SKIP LOCKED
            """).AsTracking().ToListAsync(cancellationToken);
        foreach (var po in due)
        {
            po.Status = OpportunityStatus.ValidationExpired;
            po.UpdatedAt = now;
            db.History.Add(new HistoryEntry { SubjectId = po.Id, Kind = HistoryKind.ValidationExpired, ByVendor = true, OccurredAt = now });
            outbox.Add(new OpportunityValidationExpired(po.Id, po.PartnerId, po.RoutedTo!, po.ValidateBy!.Value, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task<int> RecallHandoverBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OpportunitiesDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Handovers.FromSql(
            $"""
            SELECT *, xmin FROM handovers
            WHERE status = 'assigned' AND respond_by < {now}
            ORDER BY respond_by
            LIMIT {options.Value.SweepBatchSize}
            FOR UPDATE SKIP LOCKED
            """).AsTracking().ToListAsync(cancellationToken);
        foreach (var ho in due)
        {
            ho.Status = HandoverStatus.Recalled;
            ho.RespondedAt = now;
            ho.UpdatedAt = now;
            db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Recalled, ByVendor = true, Note = "no answer within the deadline", OccurredAt = now });
            outbox.Add(new HandoverOpportunityRecalled(ho.Id, ho.PartnerId!.Value, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
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
