using Incentives.Api.Application;
using Microsoft.Extensions.Options;

namespace Incentives.Api.Jobs;

/// <summary>Auto-confirms statement lines past their confirmation deadline (lines with open feedback wait).</summary>
public sealed class AutoConfirmSweeper(AutoConfirmation confirmation, TimeProvider time, IOptions<IncentivesOptions> options, ILogger<AutoConfirmSweeper> logger)
    : PeriodicJob(time, options, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => confirmation.SweepAsync(cancellationToken);
}
