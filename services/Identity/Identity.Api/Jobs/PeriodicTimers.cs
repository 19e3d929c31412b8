namespace Identity.Api.Jobs;

internal static class PeriodicTimers
{
    /// <summary>The next tick; false when the host is stopping.</summary>
    public static async Task<bool> NextTickAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
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
