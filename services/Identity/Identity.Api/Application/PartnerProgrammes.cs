using System.Text.RegularExpressions;
using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Programme memberships, the co-expansion plan, the development path stage and capability tags.
/// A partner joins solution_provider, cloud_reseller or gov_subsidy itself; distributor is granted by
/// vendor staff. An active solution provider cannot also be a cloud reseller: once its SP membership
/// expired it may join the distribution plan as one.
/// </summary>
public sealed partial class PartnerProgrammes(IdentityDbContext db, IOutbox outbox, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    public async Task<Partner> JoinAsync(Guid partnerId, Programme programme, DateTimeOffset? expiresAt, Guid actor, bool byVendor, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        if (programme == Programme.Distributor && !byVendor)
        {
            throw new ApiException(ErrorCodes.AccessDenied, "The distributor programme is granted by vendor staff.");
        }

        if (partner.InProgramme(programme))
        {
            throw ApiException.IllegalState("The partner is already in this programme.");
        }

        if ((programme == Programme.CloudReseller && partner.InProgramme(Programme.SolutionProvider))
            || (programme == Programme.SolutionProvider && partner.InProgramme(Programme.CloudReseller)))
        {
            throw ApiException.IllegalState("A partner cannot be an active solution provider and a cloud reseller at once.");
        }

        var now = timeProvider.Now();
        if (expiresAt <= now)
        {
            throw ApiException.InvalidField("expires_at", "expires_at must be in the future.");
        }

        var membership = new PartnerProgramme
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Programme = programme,
            Status = ProgrammeStatus.Active,
            JoinedAt = now,
            ExpiresAt = expiresAt ?? now + options.Value.ProgrammeTerm,
        };
        // Added explicitly: a preset key would otherwise read as an existing row.
        db.PartnerProgrammes.Add(membership);
        partner.Programmes.Add(membership);
        Touch(partner, actor, now);
        outbox.Add(new PartnerProgrammeJoined(partnerId, SnakeCaseNames.Of(programme), membership.ExpiresAt, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw ApiException.IllegalState("The partner is already in this programme.");
        }

        return partner;
    }

    public async Task<Partner> ExpireAsync(Guid partnerId, Programme programme, Guid actor, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        var membership = partner.Programmes.SingleOrDefault(p => p.Programme == programme && p.Status == ProgrammeStatus.Active)
            ?? throw ApiException.IllegalState("The partner is not in this programme.");
        var now = timeProvider.Now();
        End(membership, now);
        Touch(partner, actor, now);
        await db.SaveChangesAsync(cancellationToken);
        return partner;
    }

    /// <summary>
    /// Ends memberships past their end date, a batch at a time. Rows are claimed with
    /// <c>FOR UPDATE SKIP LOCKED</c>, so any number of instances may sweep together.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.PartnerProgrammes.FromSql($"""
            SELECT * FROM partner_programmes
            WHERE status = 'active' AND expires_at <= {now}
            ORDER BY expires_at
            LIMIT 100
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        foreach (var membership in due)
        {
            End(membership, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    public async Task<Partner> JoinCoExpansionPlanAsync(Guid partnerId, Guid actor, bool? conditionsAccepted, CancellationToken cancellationToken)
    {
        if (conditionsAccepted != true)
        {
            throw FieldValidation.Invalid("accept_conditions", "The plan's conditions must be accepted (accept_conditions: true).");
        }

        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        if (partner.CoExpansionJoinedAt is not null)
        {
            throw ApiException.IllegalState("The partner already joined the co-expansion plan.");
        }

        var now = timeProvider.Now();
        partner.CoExpansionJoinedAt = now;
        Touch(partner, actor, now);
        outbox.Add(new PartnerCoExpansionPlanJoined(partnerId, now));
        await db.SaveChangesAsync(cancellationToken);
        return partner;
    }

    public async Task<Partner> SetPathStageAsync(Guid partnerId, PathStage stage, uint expectedVersion, Guid actor, CancellationToken cancellationToken)
    {
        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        db.Entry(partner).Property(p => p.Version).OriginalValue = expectedVersion;
        if (partner.PathStage == stage)
        {
            throw ApiException.IllegalState("The partner is already at this stage.");
        }

        var now = timeProvider.Now();
        var previous = partner.PathStage;
        partner.PathStage = stage;
        Touch(partner, actor, now);
        outbox.Add(new PartnerPathStageChanged(partnerId, SnakeCaseNames.Of(previous), SnakeCaseNames.Of(stage), now));
        await db.SaveChangesAsync(cancellationToken);
        return partner;
    }

    public async Task<Partner> GrantCapabilityTagAsync(Guid partnerId, string? requestedTag, Guid actor, CancellationToken cancellationToken)
    {
        var tag = Rules.Clean(requestedTag)?.ToLowerInvariant();
        if (tag is null || !TagPattern().IsMatch(tag))
        {
            throw FieldValidation.Invalid("tag", "tag is 1–64 lower-case letters, digits, '_' or '-'.");
        }

        var partner = await db.LoadPartnerAsync(partnerId, cancellationToken);
        if (partner.CapabilityTags.Any(t => t.Tag == tag))
        {
            throw ApiException.IllegalState("The partner already holds this capability tag.");
        }

        var now = timeProvider.Now();
        var granted = new PartnerCapabilityTag { PartnerId = partnerId, Tag = tag, GrantedAt = now, GrantedBy = actor };
        db.PartnerCapabilityTags.Add(granted);
        partner.CapabilityTags.Add(granted);
        Touch(partner, actor, now);
        outbox.Add(new PartnerCapabilityTagGranted(partnerId, tag, now));
        await db.SaveChangesAsync(cancellationToken);
        return partner;
    }

    private void End(PartnerProgramme membership, DateTimeOffset now)
    {
        membership.Status = ProgrammeStatus.Expired;
        membership.ExpiredAt = now;
        outbox.Add(new PartnerProgrammeExpired(membership.PartnerId, SnakeCaseNames.Of(membership.Programme), now));
    }

    private static void Touch(Partner partner, Guid actor, DateTimeOffset now)
    {
        partner.UpdatedAt = now;
        partner.UpdatedBy = actor;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex TagPattern();
}
