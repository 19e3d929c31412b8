using Incentives.Api.Application;
using Microsoft.Extensions.Options;

namespace Incentives.Api.Jobs;

/// <summary>At the start of each month (China time) generates the month just ended; later rounds find nothing left to do.</summary>
public sealed class MonthlyListJob(MonthlyListGeneration generation, TimeProvider time, IOptions<IncentivesOptions> options, ILogger<MonthlyListJob> logger)
    : PeriodicJob(time, options, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => generation.GenerateAsync(generation.DueMonth(), cancellationToken);
}
