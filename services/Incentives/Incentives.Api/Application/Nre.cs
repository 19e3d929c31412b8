using System.Text.RegularExpressions;
using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// NRE agreements (seed: signed offline; the ecosystem manager uploads the agreement and reviews it; after the review
/// the partner applies for acceptance milestone by milestone as the agreement defines). One NRE per solution: the
/// solution id is unique, so two uploads for one solution at once make one agreement. Milestone changes lock the
/// agreement row, so milestones are applied for and accepted strictly in order.
/// </summary>
public sealed partial class Nre(IncentivesDbContext db, IOutbox outbox, TimeProvider time)
{
    public sealed record NewMilestone(string Name, decimal Amount);

    public sealed record NewAgreement(
        Guid PartnerId, Guid SolutionId, string SolutionName, string DocumentReference, string DocumentSha256, string Currency, decimal TotalAmount,
        IReadOnlyList<NewMilestone> Milestones);

    /// <summary>The PDM uploads the signed agreement with the milestones it defines.</summary>
    public async Task<NreAgreement> UploadAsync(NewAgreement request, string uploadedBy, CancellationToken cancellationToken)
    {
        RequireDocument(request.DocumentSha256);
        Money.RequireCents(request.TotalAmount, "total_amount");
        if (request.TotalAmount <= 0)
        {
            throw FieldValidation.Invalid("total_amount", "Must be positive.");
        }

        if (request.Milestones.Count is 0 or > 50)
        {
            throw FieldValidation.Invalid("milestones", "An agreement defines 1 to 50 milestones.");
        }

        foreach (var milestone in request.Milestones)
        {
            Money.RequireCents(milestone.Amount, "milestones");
            if (milestone.Amount < 0 || string.IsNullOrWhiteSpace(milestone.Name) || milestone.Name.Length > 256)
            {
                throw FieldValidation.Invalid("milestones", "Each milestone has a name (at most 256 characters) and an amount not below zero.");
            }
        }

        if (request.Milestones.Sum(m => m.Amount) != request.TotalAmount)
        {
            throw new ApiException(IncentivesErrors.NreMilestonesDoNotAddUp);
        }

        if (await db.NreAgreements.AnyAsync(a => a.SolutionId == request.SolutionId, cancellationToken))
        {
            throw new ApiException(IncentivesErrors.NreSolutionHasAgreement);
        }

        var now = time.Now();
        var id = Guid.CreateVersion7(now);
        var agreement = new NreAgreement
        {
            Id = id,
            PartnerId = request.PartnerId,
            SolutionId = request.SolutionId,
            SolutionName = request.SolutionName,
            DocumentReference = request.DocumentReference,
            DocumentSha256 = request.DocumentSha256,
            Currency = request.Currency,
            TotalAmount = request.TotalAmount,
            Status = NreAgreementStatus.Uploaded,
            UploadedBy = uploadedBy,
            UploadedAt = now,
            Milestones = [.. request.Milestones.Select((m, i) => new NreMilestone
            {
                AgreementId = id, Number = i + 1, Name = m.Name.Trim(), Amount = m.Amount, Status = NreMilestoneStatus.Pending,
            })],
        };
        db.NreAgreements.Add(agreement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.NreSolutionHasAgreement);
        }

        return agreement;
    }

    /// <summary>The PDM uploads a corrected document for an agreement the review returned; it awaits review again.</summary>
    public async Task<NreAgreement> ReplaceDocumentAsync(Guid agreementId, string documentReference, string documentSha256, string uploadedBy, CancellationToken cancellationToken)
    {
        RequireDocument(documentSha256);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agreement = await LockAsync(null, agreementId, cancellationToken);
        if (agreement.Status != NreAgreementStatus.Returned)
        {
            throw new ApiException(IncentivesErrors.NreAgreementNotReturned);
        }

        agreement.DocumentReference = documentReference;
        agreement.DocumentSha256 = documentSha256;
        agreement.UploadedBy = uploadedBy;
        agreement.UploadedAt = time.Now();
        agreement.Status = NreAgreementStatus.Uploaded;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement;
    }

    /// <summary>The PDM's review (复核) of the uploaded agreement: reviewed (milestones open) or returned for a corrected upload.</summary>
    public async Task<NreAgreement> ReviewAsync(Guid agreementId, bool approve, string reviewer, string? remark, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agreement = await LockAsync(null, agreementId, cancellationToken);
        if (agreement.Status != NreAgreementStatus.Uploaded)
        {
            throw new ApiException(IncentivesErrors.NreAgreementNotAwaitingReview);
        }

        agreement.Status = approve ? NreAgreementStatus.Reviewed : NreAgreementStatus.Returned;
        agreement.ReviewedBy = reviewer;
        agreement.ReviewedAt = now;
        agreement.ReviewRemark = remark;
        if (approve)
        {
            outbox.Add(new NreAgreementReviewed(
                agreement.Id, agreement.PartnerId, agreement.SolutionId, agreement.Milestones.Count, agreement.TotalAmount, agreement.Currency, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement;
    }

    /// <summary>The partner applies for a milestone's acceptance: only after the review, only once every earlier milestone is accepted.</summary>
    public async Task<NreAgreement> ApplyForAcceptanceAsync(Guid partnerId, Guid agreementId, int number, IReadOnlyList<string> materials, CancellationToken cancellationToken)
    {
        if (materials.Count == 0 || materials.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 256))
        {
            throw FieldValidation.Invalid("materials", "Attach the acceptance material (1 or more references of at most 256 characters).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agreement = await LockAsync(partnerId, agreementId, cancellationToken);
        var milestone = agreement.Milestones.SingleOrDefault(m => m.Number == number) ?? throw ApiException.NotFound("The agreement has no such milestone.");
        if (agreement.Status is NreAgreementStatus.Uploaded or NreAgreementStatus.Returned)
        {
            throw new ApiException(IncentivesErrors.NreAgreementNotReviewed);
        }

        if (milestone.Status != NreMilestoneStatus.Pending)
        {
            throw new ApiException(IncentivesErrors.NreMilestoneNotPending);
        }

        if (agreement.Milestones.Any(m => m.Number < number && m.Status != NreMilestoneStatus.Accepted))
        {
            throw new ApiException(IncentivesErrors.NreMilestoneOutOfOrder);
        }

        milestone.Status = NreMilestoneStatus.AcceptanceApplied;
        milestone.Materials = [.. materials.Select(m => m.Trim())];
        milestone.AppliedAt = time.Now();
        milestone.Remark = null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement;
    }

    /// <summary>Vendor staff accept a milestone (publishes <see cref="NreMilestoneAccepted"/>; the last one completes the agreement) or refuse it back to pending.</summary>
    public async Task<NreAgreement> DecideAcceptanceAsync(Guid agreementId, int number, bool accept, string decidedBy, string? remark, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agreement = await LockAsync(null, agreementId, cancellationToken);
        var milestone = agreement.Milestones.SingleOrDefault(m => m.Number == number) ?? throw ApiException.NotFound("The agreement has no such milestone.");
        if (milestone.Status != NreMilestoneStatus.AcceptanceApplied)
        {
            throw new ApiException(IncentivesErrors.NreMilestoneNotApplied);
        }

        milestone.Status = accept ? NreMilestoneStatus.Accepted : NreMilestoneStatus.Pending;
        milestone.DecidedAt = now;
        milestone.DecidedBy = decidedBy;
        milestone.Remark = remark;
        if (accept)
        {
            outbox.Add(new NreMilestoneAccepted(agreement.Id, agreement.PartnerId, agreement.SolutionId, number, milestone.Amount, agreement.Currency, now));
            if (agreement.Milestones.All(m => m.Status == NreMilestoneStatus.Accepted))
            {
                agreement.Status = NreAgreementStatus.Completed;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return agreement;
    }

    public async Task<NreAgreement> GetAsync(Guid? partnerId, Guid agreementId, CancellationToken cancellationToken) =>
        await db.NreAgreements.Include(a => a.Milestones)
            .SingleOrDefaultAsync(a => a.Id == agreementId && (partnerId == null || a.PartnerId == partnerId), cancellationToken)
        ?? throw ApiException.NotFound();

    public async Task<(int Total, List<NreAgreement> Items)> ListAsync(Guid? partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.NreAgreements.Where(a => partnerId == null || a.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(a => a.Milestones).OrderByDescending(a => a.UploadedAt).ThenBy(a => a.Id).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    private static void RequireDocument(string sha256)
    {
        if (!Sha256Pattern().IsMatch(sha256))
        {
            throw FieldValidation.Invalid("document_sha256", "The document's SHA-256 in 64 lowercase hexadecimal digits.");
        }
    }

    private async Task<NreAgreement> LockAsync(Guid? partnerId, Guid agreementId, CancellationToken cancellationToken)
    {
        var agreement = await db.NreAgreements.FromSql($"SELECT * FROM nre_agreements WHERE id = {agreementId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(a => partnerId == null || a.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        await db.NreMilestones.AsTracking().Where(m => m.AgreementId == agreementId).LoadAsync(cancellationToken);
        agreement.Milestones.Sort((a, b) => a.Number.CompareTo(b.Number));
        return agreement;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
