using Microsoft.Extensions.Options;

namespace Incentives.Api.Jobs;

/// <summary>Runs <see cref="RunOnceAsync"/> at start and then every <c>Incentives:JobInterval</c>; a failed round is logged and retried next round.</summary>
public abstract class PeriodicJob(TimeProvider time, IOptions<IncentivesOptions> options, ILogger logger) : BackgroundService
{
    protected abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.JobInterval, time);
        do
        {
            try
            {
                var count = await RunOnceAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("{Job} handled {Count} rows", GetType().Name, count);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Job} failed; next attempt in {Interval}", GetType().Name, options.Value.JobInterval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
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
