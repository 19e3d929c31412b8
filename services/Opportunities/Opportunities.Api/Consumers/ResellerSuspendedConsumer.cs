using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Resellers;

namespace Opportunities.Api.Consumers;

/// <summary>The link is suspended.</summary>
public sealed class ResellerSuspendedConsumer(OpportunitiesDbContext db) : IConsumer<ResellerSuspended>
{
    public Task Consume(ConsumeContext<ResellerSuspended> context) =>
        ResellerLinks.SetStatusAsync(
            db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId, "suspended", context.Message.OccurredAt, context.CancellationToken);
}
