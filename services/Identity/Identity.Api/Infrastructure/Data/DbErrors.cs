using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Identity.Api.Infrastructure.Data;

internal static class DbErrors
{
    /// <summary>The save failed on a unique constraint or index, optionally a given one.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception, string? constraintName = null) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && (constraintName is null || postgres.ConstraintName == constraintName);
}
