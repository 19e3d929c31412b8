using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Resellers;

namespace Opportunities.Api.Consumers;

/// <summary>The link is active again.</summary>
public sealed class ResellerReinstatedConsumer(OpportunitiesDbContext db) : IConsumer<ResellerReinstated>
{
    public Task Consume(ConsumeContext<ResellerReinstated> context) =>
        ResellerLinks.SetStatusAsync(
            db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId, "active", context.Message.OccurredAt, context.CancellationToken);
}
