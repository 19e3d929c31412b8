using Identity.Api.Infrastructure.Tokens;
using Microsoft.Extensions.Options;

namespace Identity.Api.Jobs;

/// <summary>
/// Keeps the signing keys on schedule (<see cref="SigningKeys.EnsureScheduleAsync"/>) at start and
/// every <see cref="TokenOptions.SigningKeyCheckInterval"/>, and deletes expired refresh tokens.
/// </summary>
internal sealed class SigningKeyRotationJob(
    SigningKeys signingKeys, IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider timeProvider, ILogger<SigningKeyRotationJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Tokens.SigningKeyCheckInterval;
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            try
            {
                await signingKeys.EnsureScheduleAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().DeleteExpiredRefreshTokensAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} expired refresh tokens.", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The signing key schedule could not be checked; next attempt in {Interval}.", interval);
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }
}
