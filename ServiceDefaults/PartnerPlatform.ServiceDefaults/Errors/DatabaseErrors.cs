using Npgsql;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Recognises PostgreSQL's refusals anywhere in an exception's chain (EF Core wraps them).</summary>
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
}
