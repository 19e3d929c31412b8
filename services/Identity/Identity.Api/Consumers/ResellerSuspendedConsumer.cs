using Identity.Api.Application;
using Identity.Api.Data;
using Identity.Api.Domain;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Api.Consumers;

public sealed class ResellerSuspendedConsumer(IdentityDbContext db) : IConsumer<ResellerSuspended>
{
    public Task Consume(ConsumeContext<ResellerSuspended> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Suspended, context.Message.OccurredAt, context.CancellationToken);
}
