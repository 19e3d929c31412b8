using MassTransit;
using PartnerPlatform.Contracts.Opportunities;
using SubscriptionFiles.Api.Data;

namespace SubscriptionFiles.Api.Consumers;

/// <summary>The opportunity moved to a new sales stage.</summary>
public sealed class OpportunityProgressUpdatedConsumer(SubscriptionFilesDbContext db) : IConsumer<OpportunityProgressUpdated>
{
    public Task Consume(ConsumeContext<OpportunityProgressUpdated> context) =>
        OpportunityStatus.SetAsync(
            db, context.Message.OpportunityId, context.Message.PartnerId, "in_progress", context.Message.Stage, context.Message.OccurredAt, context.CancellationToken);
}
