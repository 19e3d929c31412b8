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
/// The quarterly FH payment application (seed: once every month of the quarter is final, with the business
/// information certified), the invoices the partner mails for it, and the vendor's payment progress
/// (<c>applied</c> → <c>invoice_received</c> → <c>paying</c> → <c>paid</c>).
/// </summary>
public sealed class PaymentApplications(
    IncentivesDbContext db, IOutbox outbox, TimeProvider time, IWorkingDayCalendar calendar, IOptions<IncentivesOptions> options)
{
    /// <summary>
    /// Applies for the quarter's payment. The partner's profile row is locked first, so concurrent applications
    /// for one partner run one after the other and the second sees the first; the unique key (partner, quarter)
    /// backs that up. Exactly one application per quarter.
    /// </summary>
    public async Task<PaymentApplication> ApplyAsync(Guid partnerId, DateOnly quarter, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var profile = await db.PartnerProfiles.FromSql($"SELECT * FROM partner_profiles WHERE partner_id = {partnerId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (profile?.BusinessInfoCertifiedAt is null)
        {
            throw new ApiException(IncentivesErrors.BusinessInfoNotCertified);
        }

        if (await db.PaymentApplications.AnyAsync(a => a.PartnerId == partnerId && a.Quarter == quarter, cancellationToken))
        {
            throw new ApiException(IncentivesErrors.PaymentAlreadyApplied);
        }

        var nextQuarter = quarter.AddMonths(3);
        if (calendar.LocalDate(now) < nextQuarter)
        {
            throw new ApiException(IncentivesErrors.QuarterNotOver);
        }

        var lists = await db.FhMonthlyLists.AsTracking()
            .Where(l => l.PartnerId == partnerId && l.Month >= quarter && l.Month < nextQuarter)
            .ToListAsync(cancellationToken);
        if (lists.Any(l => l.Status == MonthlyListStatus.AwaitingVerification))
        {
            throw new ApiException(IncentivesErrors.MonthStillOpen);
        }

        if (lists.Any(l => l.Status == MonthlyListStatus.InFirstReview))
        {
            throw new ApiException(IncentivesErrors.MonthInFirstReview);
        }

        var passed = lists.Where(l => l.Status == MonthlyListStatus.Passed).ToList();
        if (passed.Count == 0)
        {
            throw new ApiException(IncentivesErrors.NoMonthPassed);
        }

        var application = new PaymentApplication
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Quarter = quarter,
            Amount = passed.Sum(l => l.TotalAmount),
            Currency = options.Value.FhCurrency,
            Status = PaymentStatus.Applied,
            AppliedAt = now,
        };
        db.PaymentApplications.Add(application);
        foreach (var list in passed)
        {
            list.PaymentApplicationId = application.Id;
        }

        outbox.Add(new PaymentApplied(application.Id, partnerId, Periods.QuarterText(quarter), application.Amount, application.Currency, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.PaymentAlreadyApplied);
        }

        await transaction.CommitAsync(cancellationToken);
        return application;
    }

    /// <summary>Registers an invoice for one application; an invoice number is used once per partner, so it never covers several.</summary>
    public async Task<Invoice> RegisterInvoiceAsync(
        Guid partnerId, Guid applicationId, string invoiceNumber, decimal amount, string currency, DateOnly issuedOn, CancellationToken cancellationToken)
    {
        Money.RequireCents(amount, "amount");
        if (amount <= 0)
        {
            throw FieldValidation.Invalid("amount", "An invoice's amount must be positive.");
        }

        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockAsync(partnerId, applicationId, cancellationToken);
        if (application.Status is not (PaymentStatus.Applied or PaymentStatus.InvoiceReceived))
        {
            throw new ApiException(IncentivesErrors.InvoicesClosed);
        }

        if (!string.Equals(application.Currency, currency, StringComparison.Ordinal))
        {
            throw new ApiException(IncentivesErrors.InvoiceCurrencyMismatch);
        }

        if (await db.Invoices.AnyAsync(i => i.PartnerId == partnerId && i.InvoiceNumber == invoiceNumber, cancellationToken))
        {
            throw new ApiException(IncentivesErrors.InvoiceNumberUsed);
        }

        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            PaymentApplicationId = application.Id,
            PartnerId = partnerId,
            InvoiceNumber = invoiceNumber,
            Amount = amount,
            Currency = currency,
            IssuedOn = issuedOn,
            RegisteredAt = now,
        };
        db.Invoices.Add(invoice);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.InvoiceNumberUsed);
        }

        await transaction.CommitAsync(cancellationToken);
        return invoice;
    }

    /// <summary>The vendor moves the payment one step on; paid publishes <see cref="PaymentPaid"/>.</summary>
    public async Task<PaymentApplication> AdvanceAsync(Guid applicationId, PaymentStatus to, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var application = await LockAsync(null, applicationId, cancellationToken);
        if ((int)to != (int)application.Status + 1)
        {
            throw new ApiException(IncentivesErrors.PaymentStepOutOfOrder);
        }

        switch (to)
        {
            case PaymentStatus.InvoiceReceived:
                var invoiced = await db.Invoices.Where(i => i.PaymentApplicationId == applicationId).SumAsync(i => i.Amount, cancellationToken);
                if (invoiced < application.Amount)
                {
                    throw new ApiException(IncentivesErrors.InvoicesDoNotCover);
                }

                application.InvoiceReceivedAt = now;
                break;
            case PaymentStatus.Paying:
                application.PayingAt = now;
                application.PayBy = calendar.AddWorkingDays(now, options.Value.PaymentWorkingDays);
                break;
            case PaymentStatus.Paid:
                application.PaidAt = now;
                outbox.Add(new PaymentPaid(application.Id, application.PartnerId, Periods.QuarterText(application.Quarter), application.Amount, application.Currency, now));
                break;
        }

        application.Status = to;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return application;
    }

    public async Task<PaymentApplication> GetAsync(Guid? partnerId, Guid applicationId, CancellationToken cancellationToken) =>
        await db.PaymentApplications.Include(a => a.Invoices)
            .SingleOrDefaultAsync(a => a.Id == applicationId && (partnerId == null || a.PartnerId == partnerId), cancellationToken)
        ?? throw ApiException.NotFound();

    public async Task<(int Total, List<PaymentApplication> Items)> ListAsync(Guid? partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.PaymentApplications.Where(a => partnerId == null || a.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Include(a => a.Invoices).OrderByDescending(a => a.Quarter).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    private async Task<PaymentApplication> LockAsync(Guid? partnerId, Guid applicationId, CancellationToken cancellationToken) =>
        await db.PaymentApplications.FromSql($"SELECT * FROM payment_applications WHERE id = {applicationId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(a => partnerId == null || a.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}
