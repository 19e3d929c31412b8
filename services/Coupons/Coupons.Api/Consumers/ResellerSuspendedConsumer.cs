using Coupons.Api.Data;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Api.Consumers;

/// <summary>A link was suspended: the distributor may not act for the reseller until it is reinstated.</summary>
public sealed class ResellerSuspendedConsumer(CouponsDbContext db) : IConsumer<ResellerSuspended>
{
    public Task Consume(ConsumeContext<ResellerSuspended> context)
    {
        var e = context.Message;
        return ResellerLinks.SetStatusAsync(db, e.LinkId, e.DistributorPartnerId, e.ResellerPartnerId, "suspended", e.OccurredAt, context.CancellationToken);
    }
}
