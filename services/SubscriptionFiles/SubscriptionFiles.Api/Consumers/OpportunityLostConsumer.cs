using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity was lost.</summary>
public sealed class OpportunityLostConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityLost>
{
    public Task Consume(ConsumeContext<OpportunityLost> context) =>
        OpportunityStatus.SetAsync(db, context.Message.OpportunityId, context.Message.PartnerId, "lost", null, context.Message.OccurredAt, context.CancellationToken);
}
