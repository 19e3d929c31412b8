using Coupons.Api.Data;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Api.Consumers;

/// <summary>A link was revoked; final, whatever arrives later.</summary>
public sealed class ResellerUnlinkedConsumer(CouponsDbContext db) : IConsumer<ResellerUnlinked>
{
    public Task Consume(ConsumeContext<ResellerUnlinked> context)
    {
        var e = context.Message;
        return ResellerLinks.SetStatusAsync(db, e.LinkId, e.DistributorPartnerId, e.ResellerPartnerId, "revoked", e.OccurredAt, context.CancellationToken);
    }
}
