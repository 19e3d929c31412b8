using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity was rejected.</summary>
public sealed class OpportunityRejectedConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityRejected>
{
    public Task Consume(ConsumeContext<OpportunityRejected> context) =>
        OpportunityStatus.SetAsync(db, context.Message.OpportunityId, context.Message.PartnerId, "rejected", null, context.Message.OccurredAt, context.CancellationToken);
}
