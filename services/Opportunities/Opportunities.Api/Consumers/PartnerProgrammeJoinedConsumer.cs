using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Records the partner's programme membership.</summary>
public sealed class PartnerProgrammeJoinedConsumer(OpportunitiesDbContext db) : IConsumer<PartnerProgrammeJoined>
{
    public Task Consume(ConsumeContext<PartnerProgrammeJoined> context) =>
        PartnerProgrammes.SetAsync(db, context.Message.PartnerId, context.Message.Programme, true, context.Message.ExpiresAt, context.Message.OccurredAt, context.CancellationToken);
}
