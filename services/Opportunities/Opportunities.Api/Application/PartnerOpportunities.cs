using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

public sealed record ProgressInput(Stage? Stage = null, string? Note = null);

/// <summary>A partner's POs: drafts, submit (plausibility, consent, routing), resubmit after a change request, progress.</summary>
public sealed class PartnerOpportunities(
    OpportunitiesDbContext db, IOutbox outbox, TimeProvider timeProvider, Deadlines deadlines, IOptions<OpportunitiesOptions> options)
{
    public const string ShareWithVendor = "share_with_vendor";

    public async Task<Opportunity> CreateAsync(CurrentCaller caller, OpportunityDraft draft, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await RequireCoExpansionPlanAsync(db, partnerId, cancellationToken);
        var now = timeProvider.Now();
        var po = new Opportunity
        {
            Id = Guid.CreateVersion7(now), PartnerId = partnerId, Status = OpportunityStatus.Draft,
            CreatedBy = caller.UserId, CreatedAt = now, UpdatedAt = now,
        };
        OpportunityDrafts.Apply(po, draft);
        db.Opportunities.Add(po);
        await db.SaveChangesAsync(cancellationToken);
        return po;
    }

    public async Task<Opportunity> GetAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
    }

    public async Task<(long Total, List<Opportunity> Items)> ListAsync(
        CurrentCaller caller, OpportunityStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var query = db.Opportunities.AsNoTracking().Where(o => o.PartnerId == partnerId);
        if (status is not null)
        {
            query = query.Where(o => o.Status == status);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    /// <summary>Replaces a draft, or the parts a change request opened (If-Match).</summary>
    public async Task<Opportunity> UpdateAsync(CurrentCaller caller, Guid id, uint expectedVersion, OpportunityDraft draft, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var po = await db.Opportunities.AsTracking().FirstOrDefaultAsync(o => o.Id == id && o.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        if (po.Version != expectedVersion)
        {
            throw new ApiException(ErrorCodes.PreconditionFailed, "The opportunity changed since it was read.");
        }

        if (po.Status is not (OpportunityStatus.Draft or OpportunityStatus.ChangesRequested))
        {
            throw new ApiException(OpportunitiesErrors.OpportunityReadOnly);
        }

        var before = OpportunityDrafts.PartValues(po);
        OpportunityDrafts.Apply(po, draft);
        if (po.Status == OpportunityStatus.ChangesRequested)
        {
            var closed = OpportunityDrafts.PartValues(po)
                .Where(part => before[part.Key] != part.Value && !po.EditableParts.Contains(part.Key))
                .Select(part => part.Key).ToList();
            if (closed.Count > 0)
            {
                throw new ApiException(
                    OpportunitiesErrors.FieldNotEditable,
                    $"Only {string.Join(", ", po.EditableParts.Select(SnakeCaseEnumConverter<OpportunityPart>.NameOf))} may change.",
                    closed.ToDictionary(SnakeCaseEnumConverter<OpportunityPart>.NameOf, _ => new[] { "This part is not open for changes." }));
            }
        }

        po.UpdatedAt = timeProvider.Now();
        db.Entry(po).Property(o => o.Version).OriginalValue = expectedVersion;
        await db.SaveChangesAsync(cancellationToken);
        return po;
    }

    /// <summary>Submits a draft or resubmits after a change request: completeness, plausibility, consent, then routing.</summary>
    public async Task<Opportunity> SubmitAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var po = await LockAsync(db, id, cancellationToken);
        if (po is null || po.PartnerId != partnerId)
        {
            throw ApiException.NotFound();
        }

        if (po.Status is not (OpportunityStatus.Draft or OpportunityStatus.ChangesRequested))
        {
            throw new ApiException(OpportunitiesErrors.OpportunityReadOnly, "The opportunity was already submitted.");
        }

        await RequireCoExpansionPlanAsync(db, partnerId, cancellationToken);
        OpportunityDrafts.Missing(po).ThrowIfAny(OpportunitiesErrors.DraftIncomplete);
        await CheckPlausibilityAsync(po, cancellationToken);
        var existingCustomer = await CheckConsentAsync(po, cancellationToken);

        var now = timeProvider.Now();
        var resubmit = po.Status == OpportunityStatus.ChangesRequested;
        po.PsmRegion = options.Value.PsmRegionOf(po.CustomerProvince!);
        po.RoutedTo = existingCustomer ? $"owner:{po.PsmRegion}" : $"psm:{po.PsmRegion}";
        po.Status = OpportunityStatus.Submitted;
        po.EditableParts = [];
        po.SubmittedAt = now;
        po.ValidateBy = deadlines.ValidateBy(now, po.PsmRegion);
        po.LastPartnerActivityAt = now;
        po.UpdatedAt = now;
        db.History.Add(new HistoryEntry
        {
            SubjectId = po.Id, Kind = resubmit ? HistoryKind.Resubmitted : HistoryKind.Submitted, AuthorId = caller.UserId, OccurredAt = now,
        });
        outbox.Add(new OpportunitySubmitted(
            po.Id, po.PartnerId, po.CustomerName!, po.CustomerIndustry!, po.PsmRegion, po.ExpectedRevenue!.Value, po.RevenueCurrency!,
            po.ExpectedOrderDate!.Value, po.RoutedTo, po.ValidateBy.Value, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return po;
    }

    /// <summary>A progress update by the partner on an approved PO.</summary>
    public async Task<Opportunity> AddProgressAsync(CurrentCaller caller, Guid id, ProgressInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var po = await LockAsync(db, id, cancellationToken);
        if (po is null || po.PartnerId != partnerId)
        {
            throw ApiException.NotFound();
        }

        ApplyProgress(po, input, byVendor: false, caller.UserId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return po;
    }

    public async Task<List<HistoryEntry>> HistoryAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var po = await GetAsync(caller, id, cancellationToken);
        return await db.History.AsNoTracking().Where(h => h.SubjectId == po.Id).OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Moves a locked, approved PO's stage (partner or vendor) and stages its events.</summary>
    internal void ApplyProgress(Opportunity po, ProgressInput input, bool byVendor, string? authorId)
    {
        if (po.Status != OpportunityStatus.Approved)
        {
            throw ApiException.IllegalState("Progress is reported on approved opportunities only.");
        }

        var now = timeProvider.Now();
        var note = ValidateProgress(po.Stage, input);
        if (input.Stage is { } stage)
        {
            po.Stage = stage;
            po.WonAt = stage == Stage.Won ? now : po.WonAt;
            po.DeliveredAt = stage == Stage.Delivered ? now : po.DeliveredAt;
        }

        if (!byVendor)
        {
            po.LastPartnerActivityAt = now;
        }

        po.UpdatedAt = now;
        db.History.Add(new HistoryEntry { SubjectId = po.Id, Kind = HistoryKind.Progress, Stage = input.Stage, Note = note, ByVendor = byVendor, AuthorId = authorId, OccurredAt = now });
        StageEvents(outbox, po.Id, po.PartnerId, input.Stage, po.Stage, note, byVendor, po.ExpectedRevenue ?? 0, po.RevenueCurrency ?? "CNY", now);
    }

    /// <summary>The note, after checking the stage move (shared by POs and HOs).</summary>
    internal static string? ValidateProgress(Stage? current, ProgressInput input)
    {
        var errors = new FieldValidation();
        var note = errors.Text(input.Note, "note", 1000);
        errors.ThrowIfAny();
        if (input.Stage is null && note is null)
        {
            throw FieldValidation.Invalid("note", "A progress update has a stage, a note or both.");
        }

        if (input.Stage is { } stage && !Progress.CanMove(current, stage))
        {
            throw new ApiException(OpportunitiesErrors.StageNotAllowed, $"The opportunity cannot move from {current?.ToString() ?? "no stage"} to {stage}.");
        }

        if (input.Stage is null && current is Stage.Delivered or Stage.Lost)
        {
            throw new ApiException(OpportunitiesErrors.StageNotAllowed, "The opportunity is closed.");
        }

        if (input.Stage == Stage.Lost && note is null)
        {
            throw new ApiException(OpportunitiesErrors.LostReasonRequired);
        }

        return note;
    }

    internal static void StageEvents(
        IOutbox outbox, Guid id, Guid partnerId, Stage? moved, Stage? current, string? note, bool byVendor, decimal revenue, string currency, DateTimeOffset now)
    {
        if (current is not null)
        {
            outbox.Add(new OpportunityProgressUpdated(id, partnerId, SnakeCaseEnumConverter<Stage>.NameOf(current.Value), byVendor, now));
        }

        switch (moved)
        {
            case Stage.Won:
                outbox.Add(new OpportunityWon(id, partnerId, revenue, currency, now));
                break;
            case Stage.Delivered:
                outbox.Add(new OpportunityDelivered(id, partnerId, revenue, currency, now));
                break;
            case Stage.Lost:
                outbox.Add(new OpportunityLost(id, partnerId, note!, now));
                break;
        }
    }

    internal static async Task<Opportunity?> LockAsync(OpportunitiesDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Opportunities.FromSql($"SELECT *, xmin FROM opportunities WHERE id = {id} FOR UPDATE").AsTracking().FirstOrDefaultAsync(cancellationToken);

    internal static async Task RequireCoExpansionPlanAsync(OpportunitiesDbContext db, Guid partnerId, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.PartnerId == partnerId && p.CoExpansionJoinedAt != null, cancellationToken))
        {
            throw new ApiException(OpportunitiesErrors.NotInCoExpansionPlan);
        }
    }

    private async Task CheckPlausibilityAsync(Opportunity po, CancellationToken cancellationToken)
    {
        if (!po.CloudRelated)
        {
            throw new ApiException(OpportunitiesErrors.NotCloudRelated);
        }

        if (po.ExpectedRevenue is null or 0)
        {
            throw new ApiException(OpportunitiesErrors.NoCloudRevenue);
        }

        if (po.ExpectedRevenue < options.Value.MinimumExpectedRevenue)
        {
            throw new ApiException(
                OpportunitiesErrors.CloudRevenueBelowMinimum, $"The expected incremental cloud revenue must be at least {options.Value.MinimumExpectedRevenue:0.00}.");
        }

        if (po.SolutionId is not { } solutionId
            || !await db.Solutions.AnyAsync(s => s.Id == solutionId && s.PartnerId == po.PartnerId && s.Status == SolutionStatus.Active, cancellationToken))
        {
            throw new ApiException(OpportunitiesErrors.NoPartnerSolution);
        }
    }

    /// <summary>Checks the customer's consent; true when the customer is an existing (associated) customer.</summary>
    private async Task<bool> CheckConsentAsync(Opportunity po, CancellationToken cancellationToken)
    {
        if (po.CustomerId is { } customerId)
        {
            if (!await db.CustomerAssociations.AnyAsync(a => a.CustomerId == customerId && a.OwnerPartnerId == po.PartnerId && a.Active, cancellationToken))
            {
                throw new ApiException(OpportunitiesErrors.CustomerNotAssociated);
            }

            if (!await db.CustomerAuthorisations.AnyAsync(
                a => a.CustomerId == customerId && a.PartnerId == po.PartnerId && a.Purpose == ShareWithVendor, cancellationToken))
            {
                throw new ApiException(OpportunitiesErrors.CustomerAuthorisationMissing);
            }

            return true;
        }

        if (po.ConsentConfirmedBy is null || po.ConsentConfirmedAt is null || po.ConsentMethod is null)
        {
            throw new ApiException(OpportunitiesErrors.ConsentMissing);
        }

        return false;
    }
}
