using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.WorkingDays;

namespace Identity.Api.Application;

/// <summary>
/// Business-information certification: certified at once unless the bank information conflicts
/// with the vendor's supplier record; then a bank letter goes to vendor staff, who have 5 working
/// days to review it.
/// </summary>
public sealed class BusinessCertifications(
    IdentityDbContext db,
    IOutbox outbox,
    IWorkingDayCalendar calendar,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Bank and tax information as the partner sent it; <see cref="SubmitAsync"/> checks it.</summary>
    public sealed record Submission(string? BankName, string? BankAccountName, string? BankAccountNumber, string? TaxId);

    private sealed record CheckedSubmission(string BankName, string BankAccountName, string BankAccountNumber, string TaxId);

    public async Task<BusinessCertification> SubmitAsync(Guid partnerId, Submission request, CancellationToken cancellationToken)
    {
        var validation = new FieldValidation();
        string Required(string? value, string field, int max)
        {
            var clean = Rules.Clean(value);
            validation.Check(clean is { Length: > 0 } && clean.Length <= max, field, $"{field} is required, at most {max} characters.");
            return clean ?? "";
        }

        var submission = new CheckedSubmission(
            Required(request.BankName, "bank_name", 200),
            Required(request.BankAccountName, "bank_account_name", 200),
            Required(request.BankAccountNumber, "bank_account_number", 64),
            Required(request.TaxId, "tax_id", 64));
        validation.ThrowIfAny();
        var certification = await db.BusinessCertifications.SingleOrDefaultAsync(c => c.PartnerId == partnerId, cancellationToken);
        if (certification?.Status is BusinessCertificationStatus.Certified or BusinessCertificationStatus.PendingReview)
        {
            throw ApiException.IllegalState("The business information is certified or under review.");
        }

        var now = timeProvider.Now();
        if (certification is null)
        {
            certification = new BusinessCertification
            {
                PartnerId = partnerId,
                BankName = submission.BankName,
                BankAccountName = submission.BankAccountName,
                BankAccountNumber = submission.BankAccountNumber,
                TaxId = submission.TaxId,
            };
            db.BusinessCertifications.Add(certification);
        }
        else
        {
            certification.BankName = submission.BankName;
            certification.BankAccountName = submission.BankAccountName;
            certification.BankAccountNumber = submission.BankAccountNumber;
            certification.TaxId = submission.TaxId;
            certification.BankLetterReference = null;
            certification.ReviewDueBy = null;
            certification.ReviewNote = null;
        }

        certification.SubmittedAt = now;
        var supplier = await db.SupplierRecords.AsNoTracking().SingleOrDefaultAsync(s => s.TaxId == submission.TaxId, cancellationToken);
        if (supplier is not null && supplier.BankAccountNumber != submission.BankAccountNumber)
        {
            certification.Status = BusinessCertificationStatus.BankLetterRequired;
        }
        else
        {
            Certify(certification, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return certification;
    }

    public async Task<BusinessCertification> SubmitBankLetterAsync(Guid partnerId, string? documentReference, CancellationToken cancellationToken)
    {
        var reference = Rules.Clean(documentReference);
        if (reference is not { Length: <= 500 })
        {
            throw FieldValidation.Invalid("document_reference", "document_reference (where the bank letter was uploaded) is required, at most 500 characters.");
        }

        var certification = await db.BusinessCertifications.SingleOrDefaultAsync(c => c.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("Submit the business information first.");
        if (certification.Status != BusinessCertificationStatus.BankLetterRequired)
        {
            throw ApiException.IllegalState("A bank letter is only needed after a failed certification.");
        }

        var now = timeProvider.Now();
        certification.Status = BusinessCertificationStatus.PendingReview;
        certification.BankLetterReference = reference;
        certification.ReviewDueBy = calendar.AddWorkingDays(now, options.Value.BankLetterReviewWorkingDays);
        await db.SaveChangesAsync(cancellationToken);
        return certification;
    }

    public async Task<BusinessCertification> ReviewAsync(Guid partnerId, bool approve, string? reviewNote, Guid reviewer, CancellationToken cancellationToken)
    {
        var note = Rules.Clean(reviewNote);
        if (note is { Length: > 500 } || (!approve && note is null))
        {
            throw FieldValidation.Invalid("note", "A rejection needs a note; notes are at most 500 characters.");
        }

        var certification = await db.BusinessCertifications.SingleOrDefaultAsync(c => c.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        if (certification.Status != BusinessCertificationStatus.PendingReview)
        {
            throw ApiException.IllegalState("Only a bank letter under review can be decided.");
        }

        var now = timeProvider.Now();
        certification.ReviewedAt = now;
        certification.ReviewedBy = reviewer;
        certification.ReviewNote = note;
        if (approve)
        {
            Certify(certification, now);
        }
        else
        {
            // The partner may correct and submit again.
            certification.Status = BusinessCertificationStatus.Rejected;
        }

        await db.SaveChangesAsync(cancellationToken);
        return certification;
    }

    private void Certify(BusinessCertification certification, DateTimeOffset now)
    {
        certification.Status = BusinessCertificationStatus.Certified;
        certification.CertifiedAt = now;
        outbox.Add(new PartnerBusinessInfoCertified(certification.PartnerId, now));
    }

    /// <summary>Records the bank account the vendor holds for a supplier's tax id (what a submission is compared with).</summary>
    public async Task RecordSupplierAsync(string? requestedTaxId, string? bankAccountNumber, Guid recordedBy, CancellationToken cancellationToken)
    {
        var taxId = Rules.Clean(requestedTaxId);
        var account = Rules.Clean(bankAccountNumber);
        if (taxId is not { Length: <= 64 } || account is not { Length: <= 64 })
        {
            throw FieldValidation.Invalid(taxId is not { Length: <= 64 } ? "tax_id" : "bank_account_number", "tax_id and bank_account_number are required, at most 64 characters.");
        }

        var record = await db.SupplierRecords.SingleOrDefaultAsync(s => s.TaxId == taxId, cancellationToken);
        if (record is null)
        {
            record = new SupplierRecord { TaxId = taxId, BankAccountNumber = account };
            db.SupplierRecords.Add(record);
        }

        record.BankAccountNumber = account;
        record.RecordedAt = timeProvider.Now();
        record.RecordedBy = recordedBy;
        await db.SaveChangesAsync(cancellationToken);
    }
}
