using Coupons.Api.Data;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Api.Consumers;

/// <summary>A link became active: the distributor may now act for the reseller.</summary>
public sealed class ResellerLinkedConsumer(CouponsDbContext db) : IConsumer<ResellerLinked>
{
    public Task Consume(ConsumeContext<ResellerLinked> context)
    {
        var e = context.Message;
        return ResellerLinks.SetStatusAsync(db, e.LinkId, e.DistributorPartnerId, e.ResellerPartnerId, "active", e.OccurredAt, context.CancellationToken);
    }
}
