using Identity.Api.Application;
using Microsoft.Extensions.Options;

namespace Identity.Api.Jobs;

/// <summary>Wakes up every <see cref="IdentityOptions.WarningRefreshCheckInterval"/> and refreshes the warnings once per day.</summary>
internal sealed class CustomerWarningJob(IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<CustomerWarningJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WarningRefreshCheckInterval, timeProvider);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<CustomerWarnings>().RefreshAsync(force: false, stoppingToken) is { } result)
                {
                    logger.LogInformation("Customer warnings refreshed for {Day}: {Raised} raised, {Resolved} resolved.", result.Day, result.Raised, result.Resolved);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Refreshing customer warnings failed; next attempt in {Interval}.", options.Value.WarningRefreshCheckInterval);
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }
}
