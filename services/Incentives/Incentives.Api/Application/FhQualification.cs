using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// FH qualification per track (seed): a partner on the service path at a qualifying stage applies on the
/// standard track and signs the agreement; the CCoE track is invite-only (vendor staff enrol the partner); the
/// lecturer fund has its own application that vendor staff approve or reject.
/// </summary>
public sealed class FhQualification(IncentivesDbContext db, TimeProvider time)
{
    public async Task<FhEnrolment> ApplyAsync(Guid partnerId, FhTrack track, bool agreementSigned, string? remark, CancellationToken cancellationToken)
    {
        if (track == FhTrack.Ccoe)
        {
            throw new ApiException(IncentivesErrors.CcoeInviteOnly);
        }

        if (!agreementSigned)
        {
            throw new ApiException(IncentivesErrors.AgreementNotSigned);
        }

        await RequireQualifyingStageAsync(partnerId, cancellationToken);
        var now = time.Now();
        var enrolment = new FhEnrolment
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            Track = track,
            Status = track == FhTrack.LecturerFund ? EnrolmentStatus.PendingReview : EnrolmentStatus.Active,
            AgreementSignedAt = now,
            Remark = remark,
            CreatedAt = now,
            ActiveFrom = track == FhTrack.LecturerFund ? null : now,
        };
        return await AddAsync(enrolment, cancellationToken);
    }

    /// <summary>Vendor staff enrol a partner on the invite-only CCoE track (the agreement is signed offline).</summary>
    public async Task<FhEnrolment> EnrolCcoeAsync(Guid partnerId, string decidedBy, CancellationToken cancellationToken)
    {
        await RequireQualifyingStageAsync(partnerId, cancellationToken);
        var now = time.Now();
        return await AddAsync(
            new FhEnrolment
            {
                Id = Guid.CreateVersion7(now),
                PartnerId = partnerId,
                Track = FhTrack.Ccoe,
                Status = EnrolmentStatus.Active,
                AgreementSignedAt = now,
                DecidedBy = decidedBy,
                CreatedAt = now,
                ActiveFrom = now,
            },
            cancellationToken);
    }

    /// <summary>Vendor staff approve or reject a lecturer-fund application.</summary>
    public async Task<FhEnrolment> DecideAsync(Guid enrolmentId, bool approve, string decidedBy, string? remark, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolment = await db.FhEnrolments.FromSql($"SELECT * FROM fh_enrolments WHERE id = {enrolmentId} FOR UPDATE")
            .AsTracking().SingleOrDefaultAsync(cancellationToken) ?? throw ApiException.NotFound();
        if (enrolment.Status != EnrolmentStatus.PendingReview)
        {
            throw new ApiException(IncentivesErrors.EnrolmentNotPending);
        }

        enrolment.Status = approve ? EnrolmentStatus.Active : EnrolmentStatus.Rejected;
        enrolment.ActiveFrom = approve ? now : null;
        enrolment.DecidedBy = decidedBy;
        enrolment.Remark = remark ?? enrolment.Remark;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enrolment;
    }

    public Task<List<FhEnrolment>> ListAsync(Guid? partnerId, CancellationToken cancellationToken) =>
        db.FhEnrolments.Where(e => partnerId == null || e.PartnerId == partnerId).OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);

    private async Task RequireQualifyingStageAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        var profile = await db.PartnerProfiles.SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken);
        if (profile is null || !profile.QualifiesForFh)
        {
            throw new ApiException(IncentivesErrors.NotOnServicePath);
        }
    }

    private async Task<FhEnrolment> AddAsync(FhEnrolment enrolment, CancellationToken cancellationToken)
    {
        db.FhEnrolments.Add(enrolment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            throw new ApiException(IncentivesErrors.AlreadyEnrolled);
        }

        return enrolment;
    }
}
