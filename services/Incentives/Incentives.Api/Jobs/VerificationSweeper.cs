using Incentives.Api.Application;
using Microsoft.Extensions.Options;

namespace Incentives.Api.Jobs;

/// <summary>Voids monthly FH lists past their 14-working-day verification deadline.</summary>
public sealed class VerificationSweeper(VerificationExpiry expiry, TimeProvider time, IOptions<IncentivesOptions> options, ILogger<VerificationSweeper> logger)
    : PeriodicJob(time, options, logger)
{
    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => expiry.SweepAsync(cancellationToken);
}
