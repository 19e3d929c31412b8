using Identity.Api.Data;
using Identity.Api.Domain;
using MassTransit;
using PartnerPlatform.Contracts.Resellers;

namespace Identity.Api.Consumers;

/// <summary>Applies one link event, unless a later one was applied already (events may arrive out of order).</summary>
internal static class ResellerLinkState
{
    public static async Task ApplyAsync(
        IdentityServiceDbContext db, Guid linkId, Guid distributorId, Guid resellerId, ResellerLinkStatus status, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var link = await db.ResellerLinks.FindAsync([linkId], cancellationToken);
        if (link is null)
        {
            db.ResellerLinks.Add(new ResellerLink
            {
                LinkId = linkId,
                DistributorId = distributorId,
                ResellerId = resellerId,
                Status = status,
                ChangedAt = occurredAt,
            });
        }
        else if (link.Status != ResellerLinkStatus.Unlinked && occurredAt >= link.ChangedAt)
        {
            link.Status = status;
            link.ChangedAt = occurredAt;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

public sealed class ResellerLinkedConsumer(IdentityServiceDbContext db) : IConsumer<ResellerLinked>
{
    public Task Consume(ConsumeContext<ResellerLinked> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Active, context.Message.OccurredAt, context.CancellationToken);
}

/// <summary>Unlinking is final: no later event reopens the link.</summary>
public sealed class ResellerUnlinkedConsumer(IdentityServiceDbContext db) : IConsumer<ResellerUnlinked>
{
    public Task Consume(ConsumeContext<ResellerUnlinked> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Unlinked, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class ResellerSuspendedConsumer(IdentityServiceDbContext db) : IConsumer<ResellerSuspended>
{
    public Task Consume(ConsumeContext<ResellerSuspended> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Suspended, context.Message.OccurredAt, context.CancellationToken);
}

public sealed class ResellerReinstatedConsumer(IdentityServiceDbContext db) : IConsumer<ResellerReinstated>
{
    public Task Consume(ConsumeContext<ResellerReinstated> context) => ResellerLinkState.ApplyAsync(
        db, context.Message.LinkId, context.Message.DistributorPartnerId, context.Message.ResellerPartnerId,
        ResellerLinkStatus.Active, context.Message.OccurredAt, context.CancellationToken);
}
