using MassTransit;
using Opportunities.Api.Data;
using PartnerPlatform.Contracts.Identity;

namespace Opportunities.Api.Consumers;

/// <summary>Ends the partner's programme membership.</summary>
public sealed class PartnerProgrammeExpiredConsumer(OpportunitiesDbContext db) : IConsumer<PartnerProgrammeExpired>
{
    public Task Consume(ConsumeContext<PartnerProgrammeExpired> context) =>
        PartnerProgrammes.SetAsync(db, context.Message.PartnerId, context.Message.Programme, false, null, context.Message.OccurredAt, context.CancellationToken);
}
