using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary><c>reason</c>: one of <c>GET /v2/reference/rejection-reasons</c>.</summary>
public sealed record RejectInput(string? Reason = null, string? Note = null);

public sealed record RequestChangesInput(OpportunityPart[]? Parts = null, string? Note = null);

/// <summary>Vendor staff: review queues, approve / reject / request changes, vendor progress updates.</summary>
public sealed class OpportunityReview(OpportunitiesDbContext db, IOutbox outbox, TimeProvider timeProvider, PartnerOpportunities partnerOpportunities)
{
    /// <summary>The submitted POs of a queue, the most urgent first. Without <paramref name="queue"/>, the caller's region's PSM queue.</summary>
    public async Task<(string Queue, long Total, List<Opportunity> Items)> QueueAsync(
        CurrentCaller caller, string? queue, PageRequest page, CancellationToken cancellationToken)
    {
        var name = queue?.Trim() is { Length: > 0 } given ? given
            : caller.Region is { Length: > 0 } region ? $"psm:{region}"
            : throw FieldValidation.Invalid("queue", "queue is required when the caller has no region.");
        var query = db.Opportunities.AsNoTracking().Where(o => o.Status == OpportunityStatus.Submitted && o.RoutedTo == name);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(o => o.ValidateBy).ThenBy(o => o.Id).Page(page).ToListAsync(cancellationToken);
        return (name, total, items);
    }

    /// <summary>Any partner's PO once it was submitted (drafts stay the partner's).</summary>
    public async Task<Opportunity> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Status != OpportunityStatus.Draft, cancellationToken)
            ?? throw ApiException.NotFound();

    public async Task<List<HistoryEntry>> HistoryAsync(Guid id, CancellationToken cancellationToken)
    {
        var po = await GetAsync(id, cancellationToken);
        return await db.History.AsNoTracking().Where(h => h.SubjectId == po.Id).OrderBy(h => h.Id).ToListAsync(cancellationToken);
    }

    public Task<Opportunity> ApproveAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken) =>
        ReviewAsync(id, cancellationToken, (po, now) =>
        {
            po.Status = OpportunityStatus.Approved;
            db.History.Add(Entry(po, HistoryKind.Approved, null, caller, now));
            outbox.Add(new OpportunityApproved(po.Id, po.PartnerId, caller.GetUserGuid(), now));
        }, caller);

    public Task<Opportunity> RejectAsync(CurrentCaller caller, Guid id, RejectInput input, CancellationToken cancellationToken)
    {
        if (!SnakeCaseEnumConverter<RejectionReason>.TryValueOf(input.Reason?.Trim(), out var reason))
        {
            throw new ApiException(OpportunitiesErrors.UnknownRejectionReason);
        }

        var errors = new FieldValidation();
        var note = errors.Text(input.Note, "note", 1000);
        errors.ThrowIfAny();
        return ReviewAsync(id, cancellationToken, (po, now) =>
        {
            po.Status = OpportunityStatus.Rejected;
            po.RejectionReason = reason;
            db.History.Add(Entry(po, HistoryKind.Rejected, note ?? SnakeCaseEnumConverter<RejectionReason>.NameOf(reason), caller, now));
            outbox.Add(new OpportunityRejected(po.Id, po.PartnerId, SnakeCaseEnumConverter<RejectionReason>.NameOf(reason), now));
        }, caller);
    }

    public Task<Opportunity> RequestChangesAsync(CurrentCaller caller, Guid id, RequestChangesInput input, CancellationToken cancellationToken)
    {
        if (input.Parts is not { Length: > 0 } parts)
        {
            throw new ApiException(OpportunitiesErrors.ChangesNotListed);
        }

        var errors = new FieldValidation();
        var note = errors.RequiredText(input.Note, "note", 1000);
        errors.ThrowIfAny();
        return ReviewAsync(id, cancellationToken, (po, now) =>
        {
            po.Status = OpportunityStatus.ChangesRequested;
            po.EditableParts = [.. parts.Distinct().Order()];
            db.History.Add(Entry(po, HistoryKind.ChangesRequested, note, caller, now));
        }, caller);
    }

    /// <summary>A vendor update on an approved PO; the partner sees it in the history.</summary>
    public async Task<Opportunity> AddUpdateAsync(CurrentCaller caller, Guid id, ProgressInput input, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var po = await PartnerOpportunities.LockAsync(db, id, cancellationToken);
        if (po is null || po.Status == OpportunityStatus.Draft)
        {
            throw ApiException.NotFound();
        }

        partnerOpportunities.ApplyProgress(po, input, byVendor: true, caller.UserId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return po;
    }

    /// <summary>Locks the PO, so that of two reviewers deciding at once the second sees the first's decision (409).</summary>
    private async Task<Opportunity> ReviewAsync(Guid id, CancellationToken cancellationToken, Action<Opportunity, DateTimeOffset> decide, CurrentCaller caller)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var po = await PartnerOpportunities.LockAsync(db, id, cancellationToken);
        if (po is null || po.Status == OpportunityStatus.Draft)
        {
            throw ApiException.NotFound();
        }

        if (po.Status != OpportunityStatus.Submitted)
        {
            throw ApiException.IllegalState($"The opportunity is {SnakeCaseEnumConverter<OpportunityStatus>.NameOf(po.Status)}, not submitted.");
        }

        var now = timeProvider.Now();
        decide(po, now);
        po.ReviewedBy = caller.UserId;
        po.ReviewedAt = now;
        po.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return po;
    }

    private static HistoryEntry Entry(Opportunity po, HistoryKind kind, string? note, CurrentCaller caller, DateTimeOffset now) =>
        new() { SubjectId = po.Id, Kind = kind, Note = note, ByVendor = true, AuthorId = caller.UserId, OccurredAt = now };
}
