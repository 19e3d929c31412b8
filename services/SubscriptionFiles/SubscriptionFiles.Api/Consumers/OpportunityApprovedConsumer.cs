using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity was approved.</summary>
public sealed class OpportunityApprovedConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityApproved>
{
    public Task Consume(ConsumeContext<OpportunityApproved> context) =>
        OpportunityStatus.SetAsync(db, context.Message.OpportunityId, context.Message.PartnerId, "approved", null, context.Message.OccurredAt, context.CancellationToken);
}
