using Identity.Api.Application;
using Identity.Api.Data;
using Identity.Api.Domain;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Api.Consumers;

/// <summary>Unlinking is final: no later event reopens the link.</summary>
public sealed class ResellerUnlinkedConsumer(IdentityDbContext db) : IConsumer<ResellerUnlinked>
{
    public Task Consume(ConsumeContext<ResellerUnlinked> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Unlinked, context.Message.OccurredAt, context.CancellationToken);
}
