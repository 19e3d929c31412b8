using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The connection settings every service uses for its own database (ADR 0018): pooled connections
/// are not reset when they go back to the pool, and statements run more than once are prepared.
/// A setting the connection string names itself is left as it is.
/// </summary>
public static class PostgresConnectionSettings
{
    /// <summary>Prepared statements kept per physical connection.</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Executions of the same SQL text on one connection before it is prepared.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>
    /// <c>ConnectionStrings:{connectionName}</c> with the platform's settings applied; throws when it
    /// is not configured.
    /// </summary>
    public static string GetPlatformConnectionString(this IConfiguration configuration, string connectionName) =>
        configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString
            ? WithPlatformSettings(connectionString)
            : throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");

    /// <summary>
    /// Safe because no code of the platform leaves session state behind on a pooled connection:
    /// advisory locks are transaction-scoped, settings are <c>SET LOCAL</c>, and the outbox relay
    /// listens on a connection of its own outside the pool.
    /// </summary>
    public static string WithPlatformSettings(string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(named, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Names(named, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Names(named, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }

    private static bool Names(DbConnectionStringBuilder connectionString, params string[] keywords) =>
        keywords.Any(connectionString.ContainsKey);
}
