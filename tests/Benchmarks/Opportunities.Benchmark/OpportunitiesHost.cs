using Benchmarks.Support;
using Opportunities.Api;

namespace Opportunities.Benchmark;

/// <summary>
/// opportunities-api as <see cref="ServiceHost{TEntryPoint}"/> runs a service, with the system clock,
/// no Redis (so no rate limits) and its sweeper out of the way.
/// </summary>
internal sealed class OpportunitiesHost(string databaseConnectionString, Uri eventBus)
    : ServiceHost<OpportunitiesOptions>(
        OpportunitiesExtensions.DatabaseConnectionName, databaseConnectionString, eventBus,
        new Dictionary<string, string> { ["Opportunities:SweepInterval"] = "01:00:00" });
