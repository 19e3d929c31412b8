using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// <c>/alive</c> runs the checks tagged <see cref="LiveTag"/> (the process answers);
/// <c>/health</c> runs the checks tagged <see cref="ReadyTag"/>: what a request needs synchronously
/// fails it (the database), what requests can do without for a while (the broker behind the outbox,
/// Redis) registers <see cref="HealthStatus.Degraded"/> as its failure status, so the answer stays
/// 200 and says what is missing.
/// </summary>
public static class PlatformHealthChecks
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";
    public const string AlivePath = "/alive";
    public const string HealthPath = "/health";

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Readiness check of one database: <c>SELECT 1</c> over <c>ConnectionStrings:{connectionName}</c>,
    /// named <c>postgres-{connectionName}</c>. Call once per database the service uses.
    /// </summary>
    public static IHostApplicationBuilder AddPostgresHealthCheck(this IHostApplicationBuilder builder, string connectionName, TimeSpan? timeout = null)
    {
        if (string.IsNullOrEmpty(builder.Configuration.GetConnectionString(connectionName)))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        }

        builder.Services.TryAddPostgresDataSources();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "postgres-" + connectionName,
            services => new PostgresHealthCheck(services.GetRequiredService<PostgresDataSources>().Get(connectionName)),
            HealthStatus.Unhealthy,
            [ReadyTag],
            timeout ?? DefaultTimeout));
        return builder;
    }

    internal static void TryAddPostgresDataSources(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(PostgresDataSources)))
        {
            services.AddSingleton<PostgresDataSources>();
        }
    }

    /// <summary>
    /// Status, then each check with its status, duration and the figures it chose to publish
    /// (<c>detail</c>: its result's data); never descriptions, exceptions or connection strings.
    /// </summary>
    internal static Task WriteResponse(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            Status(report.Status),
            report.TotalDuration.TotalMilliseconds,
            [.. report.Entries.Select(e => new HealthCheckResponse(
                e.Key,
                Status(e.Value.Status),
                e.Value.Duration.TotalMilliseconds,
                e.Value.Data.Count == 0 ? null : e.Value.Data))]);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, PlatformJson.Options, context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private sealed record HealthResponse(string Status, double TotalDurationMs, IReadOnlyList<HealthCheckResponse> Checks);

    private sealed record HealthCheckResponse(string Name, string Status, double DurationMs, IReadOnlyDictionary<string, object>? Detail);

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            // WaitAsync: Npgsql does not observe cancellation while a connection is being opened,
            // and the check must answer within its timeout even when the server never replies.
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }
}
