using Npgsql;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Recognises PostgreSQL's refusals and outages of PostgreSQL or Redis anywhere in an exception's chain (EF Core wraps them).</summary>
public static class DatabaseErrors
{
    /// <summary>A unique constraint or index refused the write, optionally the named one.</summary>
    public static bool IsUniqueViolation(this Exception exception, string? constraintName = null)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres)
            {
                return constraintName is null || postgres.ConstraintName == constraintName;
            }
        }

        return false;
    }

    /// <summary>
    /// The database could not be reached or dropped the connection: connection refused or cut,
    /// a time-out opening or using it (also an exhausted pool), or the server refusing sessions
    /// (class 08, shutting down <c>57P01</c>–<c>57P03</c>, too many connections <c>53300</c>).
    /// Failures of a statement itself (constraints, deadlocks, serialization) are not.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Redis could not be reached in time: no connection (commands fail at once while the
    /// multiplexer reconnects) or a command timed out. What a Redis-backed feature does about it
    /// is its own choice (docs/adr/0021); an exception that escapes it answers 503.
    /// </summary>
    public static bool IsRedisUnavailable(this Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is RedisConnectionException or RedisTimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
