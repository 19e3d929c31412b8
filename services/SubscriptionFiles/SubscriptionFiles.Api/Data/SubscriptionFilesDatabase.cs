using Microsoft.EntityFrameworkCore;

namespace SubscriptionFiles.Api.Data;

/// <summary>
/// Applies the migrations: with <c>--migrate</c> (the AppHost runs that stage before starting the
/// service, and the process exits afterwards) or at start when <c>APPLY_MIGRATIONS=true</c>.
/// </summary>
public static class SubscriptionFilesDatabase
{
    public const string MigrateArgument = "--migrate";
    public const string ApplyMigrationsKey = "APPLY_MIGRATIONS";

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionFilesDbContext>().Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>Migrates before the server takes requests when <c>APPLY_MIGRATIONS=true</c>.</summary>
internal sealed class SubscriptionFilesDatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>(SubscriptionFilesDatabase.ApplyMigrationsKey))
        {
            await SubscriptionFilesDatabase.MigrateAsync(services, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
