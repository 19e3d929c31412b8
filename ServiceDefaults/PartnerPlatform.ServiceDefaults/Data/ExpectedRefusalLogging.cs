using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.ServiceDefaults;

public static class ExpectedRefusalLoggingExtensions
{
    /// <summary>
    /// A refused write (a name already taken, a duplicate link) is an answer the use case decides;
    /// a fault reaches the exception handler or a consumer's retries, which log it at Error. EF Core's
    /// own Error entries for the failed command would log every refusal as a fault with its stack
    /// trace, so they are logged at Debug.
    /// </summary>
    public static DbContextOptionsBuilder UseExpectedRefusalLogging(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));
}
