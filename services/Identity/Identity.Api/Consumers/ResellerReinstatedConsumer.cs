using Identity.Api.Application;
using Identity.Api.Data;
using Identity.Api.Domain;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Api.Consumers;

public sealed class ResellerReinstatedConsumer(IdentityDbContext db) : IConsumer<ResellerReinstated>
{
    public Task Consume(ConsumeContext<ResellerReinstated> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Active, context.Message.OccurredAt, context.CancellationToken);
}
