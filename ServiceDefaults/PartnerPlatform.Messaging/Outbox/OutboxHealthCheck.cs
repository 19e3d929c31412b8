using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// The outbox backlog as a readiness check: the unsent rows and the age of the oldest. Degraded (the
/// registration's failure status) once the oldest has waited longer than
/// <see cref="MessagingOptions.OutboxDegradedAfter"/>: events are late, but requests still succeed,
/// so it never takes the service out of rotation. Also degraded when the outbox cannot be read; the
/// database's own check reports that outage as unhealthy.
/// </summary>
internal sealed class OutboxHealthCheck<TDbContext>(
    IServiceScopeFactory scopeFactory, IOptions<MessagingOptions> options, TimeProvider timeProvider) : IHealthCheck
    where TDbContext : DbContext
{
    public const string Name = "outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var tables = MessagingTables.For(dbContext);
        var (unsent, oldestCreatedAt) = await ReadBacklogAsync(dbContext, tables, cancellationToken).WaitAsync(cancellationToken);

        var oldestAge = oldestCreatedAt is { } oldest ? timeProvider.GetUtcNow() - oldest : TimeSpan.Zero;
        if (oldestAge < TimeSpan.Zero)
        {
            oldestAge = TimeSpan.Zero;
        }

        var data = new Dictionary<string, object>
        {
            ["unsent"] = unsent,
            ["oldest_unsent_age_s"] = Math.Round(oldestAge.TotalSeconds, 1),
        };
        return oldestAge > options.Value.OutboxDegradedAfter
            ? new HealthCheckResult(context.Registration.FailureStatus, "Outbox events wait longer than expected.", data: data)
            : HealthCheckResult.Healthy(data: data);
    }

    private static async Task<(long Unsent, DateTimeOffset? OldestCreatedAt)> ReadBacklogAsync(
        TDbContext dbContext, MessagingTables tables, CancellationToken cancellationToken)
    {
        var connection = dbContext.Database.GetDbConnection();
        await dbContext.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*), min(created_at) FROM {tables.Outbox} WHERE sent_at IS NULL";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
        }
        finally
        {
            await dbContext.Database.CloseConnectionAsync();
        }
    }
}
