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
    public sealed record Submission(string BankName, string BankAccountName, string BankAccountNumber, string TaxId);

    public async Task<BusinessCertification> SubmitAsync(Guid partnerId, Submission submission, CancellationToken cancellationToken)
    {
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

    public async Task<BusinessCertification> SubmitBankLetterAsync(Guid partnerId, string reference, CancellationToken cancellationToken)
    {
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

    public async Task<BusinessCertification> ReviewAsync(Guid partnerId, bool approve, string? note, Guid reviewer, CancellationToken cancellationToken)
    {
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
}
