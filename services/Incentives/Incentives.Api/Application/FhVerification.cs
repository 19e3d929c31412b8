using Incentives.Api.Data;
using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.Application;

/// <summary>
/// The partner verifies a monthly list (headcount, amounts, material) by its deadline, or gives it up; vendor
/// staff then pass or reject it in first review. Each change locks the list row, so it never races the
/// verification sweeper into two outcomes.
/// </summary>
public sealed class FhVerification(IncentivesDbContext db, IOutbox outbox, TimeProvider time)
{
    public async Task<FhMonthlyList> VerifyAsync(
        Guid partnerId, Guid listId, int staffCount, decimal totalAmount, IReadOnlyList<string> materials, CancellationToken cancellationToken)
    {
        if (materials.Count == 0 || materials.Any(string.IsNullOrWhiteSpace))
        {
            throw new ApiException(IncentivesErrors.MaterialRequired);
        }

        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var list = await LockAsync(partnerId, listId, cancellationToken);
        RequireAwaitingVerification(list, now);
        if (list.StaffCount != staffCount || list.TotalAmount != totalAmount)
        {
            throw new ApiException(IncentivesErrors.VerificationMismatch);
        }

        list.Status = MonthlyListStatus.InFirstReview;
        list.VerifiedAt = now;
        list.Materials = [.. materials];
        outbox.Add(new IncentiveVerified(list.Id, list.PartnerId, SnakeCaseEnum.Name(list.Track), Periods.MonthText(list.Month), list.TotalAmount, list.Currency, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return list;
    }

    /// <summary>The partner gives up a month still open (so that the quarter's payment can be applied for).</summary>
    public async Task<FhMonthlyList> GiveUpAsync(Guid partnerId, Guid listId, CancellationToken cancellationToken)
    {
        var now = time.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var list = await LockAsync(partnerId, listId, cancellationToken);
        RequireAwaitingVerification(list, now);
        Void(list, "given_up", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return list;
    }

    /// <summary>Vendor first review of a verified month.</summary>
    public async Task<FhMonthlyList> ReviewAsync(Guid listId, bool approve, string reviewer, string? remark, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var list = await LockAsync(null, listId, cancellationToken);
        if (list.Status != MonthlyListStatus.InFirstReview)
        {
            throw new ApiException(IncentivesErrors.ListNotInFirstReview);
        }

        list.Status = approve ? MonthlyListStatus.Passed : MonthlyListStatus.Rejected;
        list.ReviewedAt = time.Now();
        list.ReviewedBy = reviewer;
        list.ReviewRemark = remark;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return list;
    }

    public async Task<FhMonthlyList> GetAsync(Guid? partnerId, Guid listId, CancellationToken cancellationToken) =>
        await db.FhMonthlyLists.Include(l => l.Lines).SingleOrDefaultAsync(l => l.Id == listId && (partnerId == null || l.PartnerId == partnerId), cancellationToken)
            ?? throw ApiException.NotFound();

    public async Task<(int Total, List<FhMonthlyList> Items)> ListAsync(Guid? partnerId, MonthlyListStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.FhMonthlyLists.Where(l => (partnerId == null || l.PartnerId == partnerId) && (status == null || l.Status == status));
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(l => l.Month).ThenBy(l => l.Track).Page(page).ToListAsync(cancellationToken);
        return (total, items);
    }

    internal void Void(FhMonthlyList list, string reason, DateTimeOffset now)
    {
        list.Status = MonthlyListStatus.Void;
        list.VoidReason = reason;
        outbox.Add(new IncentiveVoided(list.Id, list.PartnerId, SnakeCaseEnum.Name(list.Track), Periods.MonthText(list.Month), reason, now));
    }

    private static void RequireAwaitingVerification(FhMonthlyList list, DateTimeOffset now)
    {
        if (list.Status == MonthlyListStatus.Void && list.VoidReason == "verification_expired")
        {
            throw new ApiException(IncentivesErrors.VerificationExpired);
        }

        if (list.Status != MonthlyListStatus.AwaitingVerification)
        {
            throw new ApiException(IncentivesErrors.ListNotAwaitingVerification);
        }

        // The deadline is met by anything at or before verify_by; later the month is void even before the sweeper runs.
        if (now > list.VerifyBy)
        {
            throw new ApiException(IncentivesErrors.VerificationExpired);
        }
    }

    private async Task<FhMonthlyList> LockAsync(Guid? partnerId, Guid listId, CancellationToken cancellationToken) =>
        await db.FhMonthlyLists.FromSql($"SELECT * FROM fh_monthly_lists WHERE id = {listId} FOR UPDATE").AsTracking()
            .SingleOrDefaultAsync(l => partnerId == null || l.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}
