using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity was won.</summary>
public sealed class OpportunityWonConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityWon>
{
    public Task Consume(ConsumeContext<OpportunityWon> context) =>
        OpportunityStatus.SetAsync(db, context.Message.OpportunityId, context.Message.PartnerId, "won", null, context.Message.OccurredAt, context.CancellationToken);
}
