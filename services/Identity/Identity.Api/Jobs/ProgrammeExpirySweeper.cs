using Identity.Api.Application;
using Microsoft.Extensions.Options;

namespace Identity.Api.Jobs;

/// <summary>Runs <see cref="PartnerProgrammes.ExpireDueAsync"/> every <see cref="IdentityOptions.ProgrammeExpirySweepInterval"/>.</summary>
internal sealed class ProgrammeExpirySweeper(
    IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<ProgrammeExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProgrammeExpirySweepInterval, timeProvider);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                int expired;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    expired = await scope.ServiceProvider.GetRequiredService<PartnerProgrammes>().ExpireDueAsync(stoppingToken);
                    if (expired > 0)
                    {
                        logger.LogInformation("Expired {Count} programme memberships.", expired);
                    }
                }
                while (expired > 0);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The programme expiry sweep failed; next attempt in {Interval}.", options.Value.ProgrammeExpirySweepInterval);
            }
        }
    }
}
