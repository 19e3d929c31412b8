using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Resellers;

namespace Opportunities.Api.Consumers;

/// <summary>The link becomes active.</summary>
public sealed class ResellerLinkedConsumer(OpportunitiesDbContext db) : IConsumer<ResellerLinked>
{
    public Task Consume(ConsumeContext<ResellerLinked> context) =>
        ResellerLinks.SetStatusAsync(
            db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId, "active", context.Message.OccurredAt, context.CancellationToken);
}
