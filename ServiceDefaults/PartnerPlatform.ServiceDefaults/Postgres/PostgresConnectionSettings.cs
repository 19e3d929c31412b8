using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The connection settings every service uses for its own database (ADR 0018): pooled connections
/// are not reset when they go back to the pool, and statements are not prepared automatically
/// (a statement that fails while it is being prepared can leave the connection out of step with
/// the server). A setting the connection string names itself is left as it is.
/// </summary>
public static class PostgresConnectionSettings
{
    /// <summary>No automatic preparation: see ADR 0018, "Automatic preparation withdrawn".</summary>
    public const int MaxAutoPrepare = 0;

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

        return builder.ConnectionString;
    }

    private static bool Names(DbConnectionStringBuilder connectionString, params string[] keywords) =>
        keywords.Any(connectionString.ContainsKey);
}
