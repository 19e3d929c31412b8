using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Incentives.Api.Application;

/// <summary>
/// The market development fund: vendor staff set a partner's yearly quota; the partner applies to use it for a
/// marketing activity of a reimbursable category, attesting to its legality; vendor staff approve (reserving the
/// amount from the quota) or reject; once the activity has started and until its claim window closes, the partner
/// claims reimbursement with invoices whose total covers the claim; vendor staff approve and pay claims.
/// Approvals lock the application and then the quota row, claims lock the application row: concurrent approvals
/// never reserve more than the quota, concurrent claims never exceed the approved amount.
/// </summary>
public sealed class Mdf(IncentivesDbContext db, IOutbox outbox, TimeProvider time, IWorkingDayCalendar calendar, IOptions<IncentivesOptions> options)
{
    /// <summary>What the partner attests to with every application (seed).</summary>
    public const string Attestation =
        "The marketing activity paid with MDF strictly obeys the laws and regulations; for any violation the partner and the persons involved bear the legal liability.";

    public sealed record NewApplication(
        string Category, string Title, DateOnly ActivityStart, DateOnly ActivityEnd, decimal Amount, string Currency, bool LegalAttestation);

    public sealed record NewInvoice(string InvoiceNumber, decimal Amount, string Currency, DateOnly IssuedOn);

    /// <summary>Today in China time, the date activity windows are counted in.</summary>
    public DateOnly Today() => calendar.LocalDate(time.GetUtcNow());

    public Task<List<MdfCategory>> CategoriesAsync(CancellationToken cancellationToken) =>
        db.MdfCategories.Where(c => c.Active).OrderBy(c => c.Group).ThenBy(c => c.Code).ToListAsync(cancellationToken);

    public Task<List<MdfQuota>> QuotasAsync(Guid partnerId, CancellationToken cancellationToken) =>
        db.MdfQuotas.Where(q => q.PartnerId == partnerId).OrderByDescending(q => q.Year).ToListAsync(cancellationToken);

    /// <summary>Sets a partner's quota for a year; never below what approvals already reserved from it.</summary>
    public async Task<MdfQuota> SetQuotaAsync(Guid partnerId, int year, decimal amount, string currency, string setBy, CancellationToken cancellationToken)
    {
        Money.RequireCents(amount, "amount");
        if (amount < 0)
        {
            throw FieldValidation.Invalid("amount", "Must not be negative.");
        }

        if (year is < 2000 or > 2100)
        {
            throw FieldValidation.Invalid("year", "A year between 2000 and 2100.");
        }

        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO mdf_quotas (partner_id, year, amount, approved_total, currency, set_by, updated_at)
            VALUES ({partnerId}, {year}, 0, 0, {currency}, {setBy}, {now}) ON CONFLICT DO NOTHING
            """,
            cancellationToken);
        var quota = await LockQuotaAsync(partnerId, year, cancellationToken);
        if (quota.ApprovedTotal > 0 && quota.Currency != currency)
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceCurrencyMismatch, "The quota's currency cannot change once amounts are approved from it.");
        }

        if (amount < quota.ApprovedTotal)
        {
            throw new ApiException(IncentivesErrors.MdfQuotaBelowApproved);
        }

        quota.Amount = amount;
        quota.Currency = currency;
        quota.SetBy = setBy;
        quota.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return quota;
    }

    public async Task<MdfApplication> ApplyAsync(Guid partnerId, NewApplication request, CancellationToken cancellationToken)
    {
        if (!request.LegalAttestation)
        {
            throw new ApiException(IncentivesErrors.MdfAttestationRequired);
        }

        RequirePositiveCents(request.Amount, "amount");
        if (request.ActivityEnd < request.ActivityStart)
        {
            throw FieldValidation.Invalid("activity_end", "activity_end must not be before activity_start.");
        }

        if (request.ActivityStart < Today())
        {
            throw new ApiException(IncentivesErrors.MdfActivityInPast);
        }

        if (!await db.MdfCategories.AnyAsync(c => c.Code == request.Category && c.Active, cancellationToken))
        {
            throw new ApiException(IncentivesErrors.MdfUnknownCategory);
        }

        var quota = await db.MdfQuotas.SingleOrDefaultAsync(q => q.PartnerId == partnerId && q.Year == request.ActivityStart.Year, cancellationToken)
            ?? throw new ApiException(IncentivesErrors.MdfNoQuota);
        if (quota.Currency != request.Currency)
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceCurrencyMismatch, $"The partner's MDF quota is in {quota.Currency}.");
        }

        if (request.Amount > quota.Remaining)
        {
            throw new ApiException(IncentivesErrors.MdfQuotaExceeded);
        }

        var now = time.Now();
        var application = new MdfApplication
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            CategoryCode = request.Category,
            Title = request.Title,
            ActivityStart = request.ActivityStart,
            ActivityEnd = request.ActivityEnd,
            RequestedAmount = request.Amount,
            Currency = request.Currency,
            Attestation = Attestation,
            AttestedAt = now,
            Status = MdfApplicationStatus.Applied,
            AppliedAt = now,
            ClaimBy = request.ActivityEnd.AddDays(options.Value.MdfClaimWindowDays),
        };
        db.MdfApplications.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return application;
    }

    /// <summary>Approves (reserving the amount, at most the requested one, from the quota) or rejects an application.</summary>
    public async Task<MdfApplication> DecideAsync(
        Guid applicationId, bool approve, decimal? approvedAmount, string decidedBy, string? remark, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockApplicationAsync(null, applicationId, cancellationToken);
        if (application.Status != MdfApplicationStatus.Applied)
        {
            throw new ApiException(IncentivesErrors.MdfApplicationNotPending);
        }

        if (approve)
        {
            var amount = approvedAmount ?? application.RequestedAmount;
            RequirePositiveCents(amount, "approved_amount");
            if (amount > application.RequestedAmount)
            {
                throw FieldValidation.Invalid("approved_amount", "At most the requested amount.");
            }

            var quota = await LockQuotaAsync(application.PartnerId, application.ActivityStart.Year, cancellationToken);
            if (amount > quota.Remaining)
            {
                throw new ApiException(IncentivesErrors.MdfQuotaExceeded);
            }

            quota.ApprovedTotal += amount;
            quota.UpdatedAt = now;
            application.ApprovedAmount = amount;
            application.Status = MdfApplicationStatus.Approved;
            outbox.Add(new MdfApplicationApproved(
                application.Id, application.PartnerId, application.CategoryCode, amount, application.Currency,
                application.ActivityStart, application.ActivityEnd, application.ClaimBy, now));
        }
        else
        {
            application.Status = MdfApplicationStatus.Rejected;
        }

        application.DecidedAt = now;
        application.DecidedBy = decidedBy;
        application.Remark = remark;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return application;
    }

    /// <summary>A reimbursement claim with its invoices, within the activity window and the approved amount.</summary>
    public async Task<MdfClaim> ClaimAsync(
        Guid partnerId, Guid applicationId, decimal amount, string currency, IReadOnlyList<NewInvoice> invoices, CancellationToken cancellationToken)
    {
        RequirePositiveCents(amount, "amount");
        foreach (var invoice in invoices)
        {
            RequirePositiveCents(invoice.Amount, "invoices");
        }

        if (invoices.Select(i => i.InvoiceNumber).Distinct(StringComparer.Ordinal).Count() != invoices.Count)
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceNumberUsed, "An invoice is listed twice.");
        }

        var now = time.Now();
        var today = Today();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockApplicationAsync(partnerId, applicationId, cancellationToken);
        if (application.Status != MdfApplicationStatus.Approved)
        {
            throw new ApiException(IncentivesErrors.MdfApplicationNotApproved);
        }

        if (today < application.ActivityStart)
        {
            throw new ApiException(IncentivesErrors.MdfActivityNotStarted);
        }

        if (today > application.ClaimBy)
        {
            throw new ApiException(IncentivesErrors.MdfClaimWindowClosed);
        }

        if (currency != application.Currency || invoices.Any(i => i.Currency != application.Currency))
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceCurrencyMismatch);
        }

        if (invoices.Sum(i => i.Amount) < amount)
        {
            throw new ApiException(IncentivesErrors.MdfInvoicesDoNotCover);
        }

        if (application.ClaimedAmount + amount > application.ApprovedAmount)
        {
            throw new ApiException(IncentivesErrors.MdfClaimExceedsApproved);
        }

        var numbers = invoices.Select(i => i.InvoiceNumber).ToList();
        if (await db.MdfInvoices.AnyAsync(i => i.PartnerId == partnerId && numbers.Contains(i.InvoiceNumber), cancellationToken))
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceNumberUsed);
        }

        var claim = new MdfClaim
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = application.Id,
            PartnerId = partnerId,
            Amount = amount,
            Currency = currency,
            Status = MdfClaimStatus.Submitted,
            SubmittedAt = now,
        };
        claim.Invoices = [.. invoices.Select(i => new MdfInvoice
        {
            Id = Guid.CreateVersion7(now), ClaimId = claim.Id, PartnerId = partnerId, InvoiceNumber = i.InvoiceNumber, Amount = i.Amount, Currency = i.Currency, IssuedOn = i.IssuedOn,
        })];
        db.MdfClaims.Add(claim);
        application.ClaimedAmount += amount;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.MdfInvoiceNumberUsed);
        }

        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    /// <summary>Approves or rejects a submitted claim; a rejected claim gives its amount back to the application.</summary>
    public async Task<MdfClaim> DecideClaimAsync(Guid claimId, bool approve, string decidedBy, string? remark, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await LockClaimAsync(claimId, cancellationToken);
        if (claim.Status != MdfClaimStatus.Submitted)
        {
            throw new ApiException(IncentivesErrors.MdfClaimNotSubmitted);
        }

        if (!approve)
        {
            var application = await LockApplicationAsync(null, claim.ApplicationId, cancellationToken);
            application.ClaimedAmount -= claim.Amount;
        }

        claim.Status = approve ? MdfClaimStatus.Approved : MdfClaimStatus.Rejected;
        claim.DecidedAt = now;
        claim.DecidedBy = decidedBy;
        claim.Remark = remark;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    /// <summary>Pays an approved claim; publishes <see cref="MdfClaimPaid"/>.</summary>
    public async Task<MdfClaim> PayClaimAsync(Guid claimId, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await LockClaimAsync(claimId, cancellationToken);
        if (claim.Status != MdfClaimStatus.Approved)
        {
            throw new ApiException(IncentivesErrors.MdfClaimNotApproved);
        }

        claim.Status = MdfClaimStatus.Paid;
        claim.PaidAt = now;
        outbox.Add(new MdfClaimPaid(claim.Id, claim.ApplicationId, claim.PartnerId, claim.Amount, claim.Currency, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    public async Task<MdfApplication> GetApplicationAsync(Guid? partnerId, Guid applicationId, CancellationToken cancellationToken) =>
        await db.MdfApplications.Include(a => a.Claims).ThenInclude(c => c.Invoices)
            .SingleOrDefaultAsync(a => a.Id == applicationId && (partnerId == null || a.PartnerId == partnerId), cancellationToken)
        ?? throw ApiException.NotFound();

    public async Task<(int Total, List<MdfApplication> Items)> ListApplicationsAsync(
        Guid? partnerId, MdfApplicationStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.MdfApplications.Where(a => (partnerId == null || a.PartnerId == partnerId) && (status == null || a.Status == status));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.AppliedAt).ThenBy(a => a.Id).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    public async Task<MdfClaim> GetClaimAsync(Guid? partnerId, Guid claimId, CancellationToken cancellationToken) =>
        await db.MdfClaims.Include(c => c.Invoices).SingleOrDefaultAsync(c => c.Id == claimId && (partnerId == null || c.PartnerId == partnerId), cancellationToken)
        ?? throw ApiException.NotFound();

    private static void RequirePositiveCents(decimal amount, string field)
    {
        Money.RequireCents(amount, field);
        if (amount <= 0)
        {
            throw FieldValidation.Invalid(field, "Amounts must be positive.");
        }
    }

    private async Task<MdfQuota> LockQuotaAsync(Guid partnerId, int year, CancellationToken cancellationToken) =>
        await db.MdfQuotas.FromSql($"SELECT * FROM mdf_quotas WHERE partner_id = {partnerId} AND year = {year} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new ApiException(IncentivesErrors.MdfNoQuota);

    private async Task<MdfApplication> LockApplicationAsync(Guid? partnerId, Guid applicationId, CancellationToken cancellationToken) =>
        await db.MdfApplications.FromSql($"SELECT * FROM mdf_applications WHERE id = {applicationId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(a => partnerId == null || a.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();

    private async Task<MdfClaim> LockClaimAsync(Guid claimId, CancellationToken cancellationToken) =>
        await db.MdfClaims.FromSql($"SELECT * FROM mdf_claims WHERE id = {claimId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw ApiException.NotFound();
}
