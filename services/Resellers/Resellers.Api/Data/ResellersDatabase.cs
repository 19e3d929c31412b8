using Microsoft.EntityFrameworkCore;

namespace Resellers.Api.Data;

/// <summary>
/// The AppHost's migrations-at-start contract: <c>--migrate</c> applies the migrations and exits;
/// <c>APPLY_MIGRATIONS=true</c> applies them when the service starts (tests, single-instance runs).
/// </summary>
public static class ResellersDatabase
{
    public const string MigrateArgument = "--migrate";
    public const string ApplyMigrationsKey = "APPLY_MIGRATIONS";

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ResellersDbContext>().Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>Applies the migrations before the server (and the outbox relay) start, when <c>APPLY_MIGRATIONS=true</c>.</summary>
internal sealed class ResellersDatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>(ResellersDatabase.ApplyMigrationsKey))
        {
            await ResellersDatabase.MigrateAsync(services, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
