using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

/// <summary>
/// Vendor staff publish a scorecard. <c>period</c>: <c>YYYY-Qn</c>. A metric left out is computed
/// from events (new customers from <c>CustomerAssociated</c>, coupon redemptions from
/// <c>CouponRedeemed</c>); <c>opportunities_won</c> is pushed only.
/// </summary>
public sealed record PublishScorecardRequest(
    Guid ResellerPartnerId, string Period, int? NewCustomers = null, int? CouponRedemptions = null, int? OpportunitiesWon = null);

/// <summary>The plan file (base64, ≤ 1 MiB decoded) and the handling option agreed with the regional office.</summary>
public sealed record SubmitPlanRequest(string FileName, string ContentType, string ContentBase64, string HandlingOption);

public sealed record ReviewPlanRequest(string? Note = null);

/// <summary>A distributor's resellers' scorecards of one period, with the resellers' names.</summary>
public sealed record ScorecardSummary(string Period, IReadOnlyList<Scorecard> Scorecards, IReadOnlyDictionary<Guid, string> Names);

/// <summary>Scorecards and performance improvement plans.</summary>
public sealed class Scorecards(ResellersDbContext db, IOutbox outbox, IOptions<ResellersOptions> options, TimeProvider timeProvider)
{
    public async Task<Scorecard> PublishAsync(CurrentCaller caller, PublishScorecardRequest request, CancellationToken ct)
    {
        var validation = new FieldValidation();
        validation.Id("reseller_partner_id", request.ResellerPartnerId);
        var period = validation.RequiredText(request.Period, "period", 7);
        var range = Scorecard.PeriodRange(period);
        if (range is null && period.Length > 0)
        {
            validation.Add("period", "period must look like 2026-Q3.");
        }

        foreach (var (field, value) in new[]
                 {
                     ("new_customers", request.NewCustomers), ("coupon_redemptions", request.CouponRedemptions),
                     ("opportunities_won", request.OpportunitiesWon),
                 })
        {
            if (value is < 0)
            {
                validation.Add(field, $"{field} must not be negative.");
            }
        }

        validation.ThrowIfAny();
        var reseller = request.ResellerPartnerId;
        var distributor = await db.Links.AsNoTracking()
            .Where(l => l.ResellerPartnerId == reseller && (l.State == LinkState.Active || l.State == LinkState.Suspended))
            .Select(l => (Guid?)l.DistributorPartnerId)
            .SingleOrDefaultAsync(ct)
            ?? throw new ApiException(ResellersErrors.NoDistributor);

        var (start, end) = range!.Value;
        var newCustomers = request.NewCustomers ?? await db.KnownCustomerAssociations
            .CountAsync(a => a.OwnerPartnerId == reseller && a.AssociatedAt >= start && a.AssociatedAt < end, ct);
        var couponRedemptions = request.CouponRedemptions ?? await db.KnownCouponRedemptions
            .CountAsync(r => r.ResellerPartnerId == reseller && r.RedeemedAt >= start && r.RedeemedAt < end, ct);
        var targets = options.Value;
        var scorecard = Scorecard.Publish(
            reseller,
            distributor,
            period,
            new ScorecardMetrics(newCustomers, couponRedemptions, request.OpportunitiesWon ?? 0),
            new ScorecardMetrics(targets.TargetNewCustomers, targets.TargetCouponRedemptions, targets.TargetOpportunitiesWon),
            caller.GetUserGuid(),
            timeProvider.Now());
        db.Scorecards.Add(scorecard);
        outbox.Add(scorecard.PublishedEvent());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(ResellersErrors.ScorecardExists);
        }

        return scorecard;
    }

    /// <summary>A reseller's own scorecards; vendor staff see all, optionally of one reseller.</summary>
    public async Task<(long Total, List<Scorecard> Items)> ListAsync(
        CurrentCaller caller, PageRequest page, Guid? resellerPartnerId, string? period, CancellationToken ct)
    {
        var query = db.Scorecards.AsNoTracking();
        if (caller.HasVendorRole(VendorRoles.VendorStaff))
        {
            if (resellerPartnerId is { } reseller)
            {
                query = query.Where(s => s.ResellerPartnerId == reseller);
            }
        }
        else
        {
            var partner = caller.GetPartnerGuid();
            query = query.Where(s => s.ResellerPartnerId == partner);
        }

        if (period is not null)
        {
            query = query.Where(s => s.Period == period);
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderByDescending(s => s.Period).ThenByDescending(s => s.PublishedAt).Page(page).ToListAsync(ct);
        return (total, items);
    }

    /// <summary>The calling distributor's resellers' scorecards of <paramref name="period"/>.</summary>
    public async Task<ScorecardSummary> SummaryAsync(CurrentCaller caller, string? period, CancellationToken ct)
    {
        if (period is null || Scorecard.PeriodRange(period) is null)
        {
            throw FieldValidation.Invalid("period", "period is required and must look like 2026-Q3.");
        }

        var distributor = caller.GetPartnerGuid();
        var cards = await db.Scorecards.AsNoTracking()
            .Where(s => s.DistributorPartnerId == distributor && s.Period == period)
            .OrderBy(s => s.ResellerPartnerId)
            .ToListAsync(ct);
        var names = await db.PartnerNamesAsync(cards.Select(c => c.ResellerPartnerId), ct);
        return new ScorecardSummary(period, cards, names);
    }

    public Task<Scorecard> GetAsync(CurrentCaller caller, Guid scorecardId, CancellationToken ct) =>
        FindAsync(scorecardId, caller, tracking: false, ct);

    public async Task<Scorecard> SubmitPlanAsync(
        CurrentCaller caller, Guid scorecardId, SubmitPlanRequest request, VersionCheck ifMatch, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var fileName = validation.RequiredText(request.FileName, "file_name", 200);
        var contentType = validation.RequiredText(request.ContentType, "content_type", 100);
        var option = Enum.GetValues<HandlingOption>().Where(o => Names.Snake(o) == request.HandlingOption).Select(o => (HandlingOption?)o).FirstOrDefault();
        if (option is null)
        {
            validation.Add("handling_option", "handling_option must be rectification, downgrade or voluntary_exit.");
        }

        byte[] content = [];
        try
        {
            content = Convert.FromBase64String(request.ContentBase64);
        }
        catch (FormatException)
        {
            validation.Add("content_base64", "content_base64 is not valid base64.");
        }

        if (content.Length == 0)
        {
            validation.Add("content_base64", "The plan file must not be empty.");
        }
        else if (content.Length > Scorecard.MaxPlanBytes)
        {
            validation.Add("content_base64", $"The plan file must be at most {Scorecard.MaxPlanBytes} bytes.");
        }

        validation.ThrowIfAny();
        var scorecard = await FindOwnAsync(scorecardId, caller, ct);
        ifMatch(scorecard.Version);
        var document = scorecard.SubmitPlan(fileName!, contentType!, content, option!.Value, timeProvider.Now());
        var stored = await db.ImprovementPlanDocuments.SingleOrDefaultAsync(d => d.ScorecardId == scorecardId, ct);
        if (stored is null)
        {
            db.ImprovementPlanDocuments.Add(document);
        }
        else
        {
            stored.FileName = document.FileName;
            stored.ContentType = document.ContentType;
            stored.Content = document.Content;
            stored.UploadedAt = document.UploadedAt;
        }

        await db.SaveChangesAsync(ct);
        return scorecard;
    }

    /// <summary>The uploaded plan file; null when none was uploaded.</summary>
    public async Task<ImprovementPlanDocument?> PlanDocumentAsync(CurrentCaller caller, Guid scorecardId, CancellationToken ct)
    {
        await FindAsync(scorecardId, caller, tracking: false, ct);
        return await db.ImprovementPlanDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.ScorecardId == scorecardId, ct);
    }

    public async Task<Scorecard> WithdrawPlanAsync(CurrentCaller caller, Guid scorecardId, VersionCheck ifMatch, CancellationToken ct)
    {
        var scorecard = await FindOwnAsync(scorecardId, caller, ct);
        ifMatch(scorecard.Version);
        scorecard.WithdrawPlan(timeProvider.Now());
        await db.SaveChangesAsync(ct);
        return scorecard;
    }

    public async Task<Scorecard> ApprovePlanAsync(
        CurrentCaller caller, Guid scorecardId, ReviewPlanRequest? request, VersionCheck ifMatch, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var note = validation.Text(request?.Note, "note", 500);
        validation.ThrowIfAny();
        var scorecard = await FindAsync(scorecardId, caller, tracking: true, ct);
        ifMatch(scorecard.Version);
        outbox.Add(scorecard.ApprovePlan(caller.GetUserGuid(), note, timeProvider.Now()));
        await db.SaveChangesAsync(ct);
        return scorecard;
    }

    public async Task<Scorecard> RejectPlanAsync(
        CurrentCaller caller, Guid scorecardId, ReviewPlanRequest? request, VersionCheck ifMatch, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var note = validation.Text(request?.Note, "note", 500);
        validation.ThrowIfAny();
        var scorecard = await FindAsync(scorecardId, caller, tracking: true, ct);
        ifMatch(scorecard.Version);
        scorecard.RejectPlan(caller.GetUserGuid(), note, timeProvider.Now());
        await db.SaveChangesAsync(ct);
        return scorecard;
    }

    /// <summary>Vendor staff see every scorecard, a reseller its own; anything else is 404 CBC.0156.</summary>
    private async Task<Scorecard> FindAsync(Guid id, CurrentCaller caller, bool tracking, CancellationToken ct)
    {
        var scorecards = tracking ? db.Scorecards : db.Scorecards.AsNoTracking();
        var scorecard = await scorecards.SingleOrDefaultAsync(s => s.Id == id, ct);
        return scorecard is not null && (caller.HasVendorRole(VendorRoles.VendorStaff) || scorecard.ResellerPartnerId == caller.PartnerGuidOrNull)
            ? scorecard
            : throw ApiException.NotFound();
    }

    /// <summary>The caller's own scorecard (the reseller acts on its plan), else 404 CBC.0156.</summary>
    private async Task<Scorecard> FindOwnAsync(Guid id, CurrentCaller caller, CancellationToken ct)
    {
        var partner = caller.GetPartnerGuid();
        return await db.Scorecards.SingleOrDefaultAsync(s => s.Id == id && s.ResellerPartnerId == partner, ct)
            ?? throw ApiException.NotFound();
    }
}
