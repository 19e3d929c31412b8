using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Resellers;

namespace Opportunities.Api.Consumers;

/// <summary>The link is revoked (final).</summary>
public sealed class ResellerUnlinkedConsumer(OpportunitiesDbContext db) : IConsumer<ResellerUnlinked>
{
    public Task Consume(ConsumeContext<ResellerUnlinked> context) =>
        ResellerLinks.SetStatusAsync(
            db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId, "revoked", context.Message.OccurredAt, context.CancellationToken);
}
