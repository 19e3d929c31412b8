using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>
/// A new HO: with <c>committee_case</c> it waits for the committee (<c>pending_committee</c>);
/// otherwise <c>offering_rule_set</c> and <c>offering</c> are required and checked.
/// </summary>
public sealed record HandoverInput(
    string? Title = null,
    string? Description = null,
    string? SolutionType = null,
    OfferingRuleSet? OfferingRuleSet = null,
    string? Offering = null,
    string? CommitteeCase = null,
    CustomerInput? Customer = null,
    ContactInput? Contact = null,
    MoneyInput? ExpectedRevenue = null);

public sealed record CommitteeDecisionInput(bool? Approved = null, OfferingRuleSet? OfferingRuleSet = null, string? Offering = null, string? Note = null);

public sealed record AssignInput(Guid? PartnerId = null);

public sealed record HandoverRejectInput(string? Reason = null);

/// <summary>HOs: created by vendor staff, assigned to an eligible partner, accepted or rejected by it, progressed after acceptance.</summary>
public sealed class Handovers(
    OpportunitiesDbContext db, IOutbox outbox, TimeProvider timeProvider, Deadlines deadlines, Eligibility eligibility,
    IOptions<OpportunitiesOptions> options)
{
    public async Task<Handover> CreateAsync(CurrentCaller caller, HandoverInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var now = timeProvider.Now();
        var ho = new Handover
        {
            Id = Guid.CreateVersion7(now),
            Title = errors.RequiredText(input.Title, "title", 200),
            Description = errors.RequiredText(input.Description, "description", 2000),
            SolutionType = errors.RequiredText(input.SolutionType, "solution_type", 64),
            CustomerName = errors.RequiredText(input.Customer?.Name, "customer.name", 200),
            CustomerIndustry = errors.RequiredText(input.Customer?.Industry, "customer.industry", 100),
            CustomerProvince = errors.RequiredText(input.Customer?.Province, "customer.province", 64).ToLowerInvariant(),
            ContactName = errors.RequiredText(input.Contact?.Name, "contact.name", 100),
            ContactPhone = errors.RequiredText(input.Contact?.Phone, "contact.phone", 32),
            ContactEmail = errors.Text(input.Contact?.Email, "contact.email", 200),
            ExpectedRevenue = errors.Amount(input.ExpectedRevenue?.Amount, "expected_revenue.amount"),
            Currency = errors.Currency(input.ExpectedRevenue?.Currency, "expected_revenue.currency"),
            CreatedBy = caller.UserId ?? "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var committeeCase = errors.Text(input.CommitteeCase, "committee_case", 64);
        var offering = errors.Text(input.Offering, "offering", 100);
        if (committeeCase is not null && !options.Value.CommitteeCases.Contains(committeeCase, StringComparer.Ordinal))
        {
            errors.Add("committee_case", $"committee_case must be one of {string.Join(", ", options.Value.CommitteeCases)}.");
        }

        if (committeeCase is null)
        {
            if (input.OfferingRuleSet is null)
            {
                errors.Add("offering_rule_set", "offering_rule_set is required unless the HO goes to the committee.");
            }

            if (offering is null)
            {
                errors.Add("offering", "offering is required unless the HO goes to the committee.");
            }
        }

        errors.ThrowIfAny();
        if (committeeCase is null)
        {
            CheckOffering(input.OfferingRuleSet!.Value, offering!);
        }

        ho.Status = committeeCase is null ? HandoverStatus.Open : HandoverStatus.PendingCommittee;
        ho.CommitteeCase = committeeCase;
        ho.OfferingRuleSet = input.OfferingRuleSet;
        ho.Offering = offering;
        db.Handovers.Add(ho);
        await db.SaveChangesAsync(cancellationToken);
        return ho;
    }

    public async Task<Handover> DecideCommitteeAsync(CurrentCaller caller, Guid id, CommitteeDecisionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var approved = input.Approved ?? false;
        if (input.Approved is null)
        {
            errors.Add("approved", "approved is required.");
        }

        var note = errors.Text(input.Note, "note", 500);
        var offering = errors.Text(input.Offering, "offering", 100);
        if (approved && (input.OfferingRuleSet is null || offering is null))
        {
            errors.Add("offering", "An approved case names the offering_rule_set and offering the committee chose.");
        }

        errors.ThrowIfAny();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ho = await LockAsync(id, cancellationToken) ?? throw ApiException.NotFound();
        if (ho.Status != HandoverStatus.PendingCommittee)
        {
            throw ApiException.IllegalState("The HO is not waiting for the committee.");
        }

        ho.Status = approved ? HandoverStatus.Open : HandoverStatus.CommitteeDeclined;
        ho.OfferingRuleSet = approved ? input.OfferingRuleSet : ho.OfferingRuleSet;
        ho.Offering = approved ? offering : ho.Offering;
        ho.CommitteeNote = note;
        ho.UpdatedAt = timeProvider.Now();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ho;
    }

    /// <summary>Assigns an open (or rejected / recalled) HO to an eligible partner, who must answer within the working-day SLA.</summary>
    public async Task<Handover> AssignAsync(CurrentCaller caller, Guid id, AssignInput input, CancellationToken cancellationToken)
    {
        var partnerId = input.PartnerId ?? throw FieldValidation.Invalid("partner_id", "partner_id is required.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ho = await LockAsync(id, cancellationToken) ?? throw ApiException.NotFound();
        switch (ho.Status)
        {
            case HandoverStatus.PendingCommittee:
                throw new ApiException(OpportunitiesErrors.HandoverPendingCommittee);
            case not (HandoverStatus.Open or HandoverStatus.Rejected or HandoverStatus.Recalled):
                throw ApiException.IllegalState($"The HO is {SnakeCaseEnumConverter<HandoverStatus>.NameOf(ho.Status)} and cannot be assigned.");
        }

        await eligibility.RequireAssignableAsync(partnerId, cancellationToken);
        var now = timeProvider.Now();
        ho.Status = HandoverStatus.Assigned;
        ho.PartnerId = partnerId;
        ho.AssignedAt = now;
        ho.RespondBy = deadlines.RespondBy(now, options.Value.PsmRegionOf(ho.CustomerProvince));
        ho.RespondedAt = null;
        ho.RejectionReason = null;
        ho.UpdatedAt = now;
        db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Assigned, ByVendor = true, AuthorId = caller.UserId, OccurredAt = now, Note = partnerId.ToString() });
        outbox.Add(new HandoverOpportunityAssigned(
            ho.Id, partnerId, SnakeCaseEnumConverter<OfferingRuleSet>.NameOf(ho.OfferingRuleSet!.Value), ho.Offering!, ho.RespondBy.Value, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ho;
    }

    public async Task<(long Total, List<Handover> Items)> ListForVendorAsync(HandoverStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Handovers.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(h => h.Status == status);
        }

        var total = await query.LongCountAsync(cancellationToken);
        return (total, await query.OrderByDescending(h => h.CreatedAt).ThenBy(h => h.Id).Page(page).ToListAsync(cancellationToken));
    }

    public async Task<Handover> GetForVendorAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Handovers.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken) ?? throw ApiException.NotFound();

    /// <summary>The HOs the partner must answer or has accepted; rejected and recalled ones are no longer the partner's.</summary>
    public async Task<(long Total, List<Handover> Items)> ListForPartnerAsync(CurrentCaller caller, PageRequest page, CancellationToken cancellationToken)
    {
        var query = PartnerVisible(caller.GetPartnerGuid());
        var total = await query.LongCountAsync(cancellationToken);
        return (total, await query.OrderByDescending(h => h.AssignedAt).ThenBy(h => h.Id).Page(page).ToListAsync(cancellationToken));
    }

    public async Task<Handover> GetForPartnerAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken) =>
        await PartnerVisible(caller.GetPartnerGuid()).FirstOrDefaultAsync(h => h.Id == id, cancellationToken) ?? throw ApiException.NotFound();

    public async Task<List<HistoryEntry>> HistoryForPartnerAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var ho = await GetForPartnerAsync(caller, id, cancellationToken);
        return await db.History.AsNoTracking().Where(h => h.SubjectId == ho.Id && h.OccurredAt >= ho.AssignedAt).OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Accepts under the HO's row lock. The recall sweeper skips locked rows, and an acceptance that
    /// waits for the sweeper's lock then finds the HO recalled (404): exactly one of them wins.
    /// </summary>
    public async Task<Handover> AcceptAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await PartnerOpportunities.RequireCoExpansionPlanAsync(db, partnerId, cancellationToken);
        return await AnswerAsync(partnerId, id, cancellationToken, (ho, now) =>
        {
            ho.Status = HandoverStatus.Accepted;
            db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Accepted, AuthorId = caller.UserId, OccurredAt = now });
            outbox.Add(new HandoverOpportunityAccepted(ho.Id, partnerId, now));
        });
    }

    public async Task<Handover> RejectAsync(CurrentCaller caller, Guid id, HandoverRejectInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var errors = new FieldValidation();
        var reason = errors.Text(input.Reason, "reason", 500);
        errors.ThrowIfAny();
        if (reason is null)
        {
            throw new ApiException(OpportunitiesErrors.RejectionReasonRequired);
        }

        return await AnswerAsync(partnerId, id, cancellationToken, (ho, now) =>
        {
            ho.Status = HandoverStatus.Rejected;
            ho.RejectionReason = reason;
            db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Declined, Note = reason, AuthorId = caller.UserId, OccurredAt = now });
            outbox.Add(new HandoverOpportunityRejected(ho.Id, partnerId, reason, now));
        });
    }

    /// <summary>Progress on an accepted HO, by the partner or (with <paramref name="byVendor"/>) by vendor staff.</summary>
    public async Task<Handover> AddProgressAsync(CurrentCaller caller, Guid id, ProgressInput input, bool byVendor, CancellationToken cancellationToken)
    {
        Guid? partnerId = byVendor ? null : caller.GetPartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ho = await LockAsync(id, cancellationToken);
        if (ho is null || (partnerId is not null && (ho.PartnerId != partnerId || ho.Status is not (HandoverStatus.Assigned or HandoverStatus.Accepted))))
        {
            throw ApiException.NotFound();
        }

        if (ho.Status != HandoverStatus.Accepted)
        {
            throw ApiException.IllegalState("Progress is reported on accepted HOs only.");
        }

        var note = PartnerOpportunities.ValidateProgress(ho.Stage, input);
        var now = timeProvider.Now();
        ho.Stage = input.Stage ?? ho.Stage;
        ho.UpdatedAt = now;
        db.History.Add(new HistoryEntry { SubjectId = ho.Id, Kind = HistoryKind.Progress, Stage = input.Stage, Note = note, ByVendor = byVendor, AuthorId = caller.UserId, OccurredAt = now });
        PartnerOpportunities.StageEvents(outbox, ho.Id, ho.PartnerId!.Value, input.Stage, ho.Stage, note, byVendor, ho.ExpectedRevenue, ho.Currency, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ho;
    }

    private async Task<Handover> AnswerAsync(Guid partnerId, Guid id, CancellationToken cancellationToken, Action<Handover, DateTimeOffset> answer)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ho = await LockAsync(id, cancellationToken);
        if (ho is null || ho.PartnerId != partnerId || ho.Status is not (HandoverStatus.Assigned or HandoverStatus.Accepted))
        {
            throw ApiException.NotFound();
        }

        if (ho.Status != HandoverStatus.Assigned)
        {
            throw ApiException.IllegalState("The HO was already accepted.");
        }

        var now = timeProvider.Now();
        answer(ho, now);
        ho.RespondedAt = now;
        ho.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ho;
    }

    private IQueryable<Handover> PartnerVisible(Guid partnerId) =>
        db.Handovers.AsNoTracking().Where(h => h.PartnerId == partnerId && (h.Status == HandoverStatus.Assigned || h.Status == HandoverStatus.Accepted));

    private async Task<Handover?> LockAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Handovers.FromSql($"SELECT *, xmin FROM handovers WHERE id = {id} FOR UPDATE").AsTracking().FirstOrDefaultAsync(cancellationToken);

    private void CheckOffering(OfferingRuleSet ruleSet, string offering)
    {
        var rules = options.Value;
        var allowed = ruleSet switch
        {
            OfferingRuleSet.VendorLedBaseline => rules.BaselineOfferings.Contains(offering, StringComparer.Ordinal),
            OfferingRuleSet.PartnerLedBaseline => rules.BaselineOfferings.Contains(offering, StringComparer.Ordinal)
                && rules.JointOperationWhitelist.Contains(offering, StringComparer.Ordinal),
            _ => !rules.BaselineOfferings.Contains(offering, StringComparer.Ordinal),
        };
        if (!allowed)
        {
            throw new ApiException(
                OpportunitiesErrors.OfferingOutsideRuleSet,
                ruleSet switch
                {
                    OfferingRuleSet.VendorLedBaseline => "A vendor-led baseline solution links one of the baseline offerings.",
                    OfferingRuleSet.PartnerLedBaseline => "A partner-led baseline solution links a baseline offering on the joint-operation whitelist.",
                    _ => "A baseline offering is chosen under one of the baseline rule sets.",
                });
        }
    }
}
