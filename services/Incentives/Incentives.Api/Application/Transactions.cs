using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Incentives.Api.Application;

internal static class Transactions
{
    /// <summary>A unique index refused the write (a concurrent writer got there first).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
