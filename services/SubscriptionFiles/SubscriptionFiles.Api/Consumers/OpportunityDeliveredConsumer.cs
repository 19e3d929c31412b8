using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity was delivered.</summary>
public sealed class OpportunityDeliveredConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityDelivered>
{
    public Task Consume(ConsumeContext<OpportunityDelivered> context) =>
        OpportunityStatus.SetAsync(db, context.Message.OpportunityId, context.Message.PartnerId, "delivered", null, context.Message.OccurredAt, context.CancellationToken);
}
