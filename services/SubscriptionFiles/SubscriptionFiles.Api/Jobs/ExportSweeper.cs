using Microsoft.Extensions.Options;
using SubscriptionFiles.Api.Application;

namespace SubscriptionFiles.Api.Jobs;

/// <summary>Generates pending exports: at every sweep interval and as soon as an export is requested.</summary>
public sealed class ExportSweeper(ExportRunner runner, IOptions<SubscriptionFilesOptions> options, ILogger<ExportSweeper> logger) : BackgroundService
{
    private readonly SemaphoreSlim _requested = new(0);

    /// <summary>Wakes the sweeper (an export was requested on this instance).</summary>
    public void Wake()
    {
        if (_requested.CurrentCount == 0)
        {
            _requested.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The export sweep failed; it runs again at the next interval");
            }

            try
            {
                await _requested.WaitAsync(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _requested.Dispose();
        base.Dispose();
    }
}
