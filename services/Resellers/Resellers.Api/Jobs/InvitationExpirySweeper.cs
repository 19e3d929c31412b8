using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Jobs;

/// <summary>
/// Closes invitations past their 7-day deadline (state <c>rejected</c>, reason
/// <c>invitation_expired</c>), claiming rows with <c>FOR UPDATE SKIP LOCKED</c> so any number of
/// instances may run it. Acceptance checks the deadline itself; this keeps lists truthful.
/// </summary>
internal sealed class InvitationExpirySweeper(
    IServiceScopeFactory scopeFactory,
    IOptions<ResellersOptions> options,
    TimeProvider timeProvider,
    ILogger<InvitationExpirySweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.InvitationSweepInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Closing expired invitations failed; next attempt in {Interval}.", options.Value.InvitationSweepInterval);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Closes every invitation due now; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResellersDbContext>();
        var total = 0;
        int closed;
        do
        {
            var now = timeProvider.Now();
            closed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                 UPDATE reseller_links SET state = 'rejected', reason = {ResellerLink.ExpiredInvitationReason}, ended_at = {now}, updated_at = {now}
                 WHERE id IN (
                     SELECT id FROM reseller_links
                     WHERE state = 'invited' AND invitation_expires_at <= {now}
                     ORDER BY invitation_expires_at
                     LIMIT {BatchSize}
                     FOR UPDATE SKIP LOCKED)
                 """,
                cancellationToken);
            total += closed;
        }
        while (closed == BatchSize);

        if (total > 0)
        {
            logger.LogInformation("Closed {Count} expired invitations.", total);
        }

        return total;
    }
}
