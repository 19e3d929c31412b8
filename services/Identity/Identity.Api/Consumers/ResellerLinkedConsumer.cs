using Identity.Api.Application;
using Identity.Api.Data;
using Identity.Api.Domain;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Api.Consumers;

public sealed class ResellerLinkedConsumer(IdentityDbContext db) : IConsumer<ResellerLinked>
{
    public Task Consume(ConsumeContext<ResellerLinked> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Active, context.Message.OccurredAt, context.CancellationToken);
}
