using Coupons.Api.Data;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Api.Consumers;

/// <summary>A suspended link is active again.</summary>
public sealed class ResellerReinstatedConsumer(CouponsDbContext db) : IConsumer<ResellerReinstated>
{
    public Task Consume(ConsumeContext<ResellerReinstated> context)
    {
        var e = context.Message;
        return ResellerLinks.SetStatusAsync(db, e.LinkId, e.DistributorPartnerId, e.ResellerPartnerId, "active", e.OccurredAt, context.CancellationToken);
    }
}
