using Microsoft.EntityFrameworkCore;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

public sealed record PipelineValue(string Currency, decimal Amount);

public sealed record StageCount(string Stage, int Count);

/// <summary>The partner's POs shared in the window: count, pipeline value, conversion rate (won / approved), by status and stage.</summary>
public sealed record DashboardReport(
    string Window,
    DateTimeOffset From,
    DateTimeOffset To,
    int Count,
    IReadOnlyList<PipelineValue> PipelineValue,
    int Approved,
    int Won,
    decimal? ConversionRate,
    IReadOnlyList<StageCount> ByStatus,
    IReadOnlyList<StageCount> ByStage);

/// <summary>The seed's opportunity dashboard for 1 month, 6 months or 1 year.</summary>
public sealed class Dashboard(OpportunitiesDbContext db, TimeProvider timeProvider)
{
    public static readonly string[] Windows = ["1m", "6m", "1y"];

    public async Task<DashboardReport> GetAsync(CurrentCaller caller, string? window, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var name = window?.Trim() ?? "1m";
        var from = name switch
        {
            "1m" => now.AddMonths(-1),
            "6m" => now.AddMonths(-6),
            "1y" => now.AddYears(-1),
            _ => throw FieldValidation.Invalid("window", "window must be 1m, 6m or 1y."),
        };

        // One grouped scan of the window (status × stage × currency: a few dozen rows at most), folded here.
        var groups = await db.Opportunities.AsNoTracking()
            .Where(o => o.PartnerId == partnerId && o.SubmittedAt >= from && o.SubmittedAt <= now)
            .GroupBy(o => new { o.Status, o.Stage, o.RevenueCurrency })
            .Select(g => new { g.Key.Status, g.Key.Stage, g.Key.RevenueCurrency, Count = g.Count(), Amount = g.Sum(o => o.ExpectedRevenue) })
            .ToListAsync(cancellationToken);
        var byStatus = groups.GroupBy(g => g.Status).Select(g => new { Status = g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var byStage = groups.Where(g => g.Stage != null).GroupBy(g => g.Stage).Select(g => new { Stage = g.Key, Count = g.Sum(x => x.Count) }).ToList();
        var pipeline = groups.GroupBy(g => g.RevenueCurrency).Select(g => new { Currency = g.Key, Amount = g.Sum(x => x.Amount) }).ToList();

        var approved = byStatus.Where(s => s.Status == OpportunityStatus.Approved).Sum(s => s.Count);
        var won = byStage.Where(s => s.Stage is Stage.Won or Stage.Delivered).Sum(s => s.Count);
        return new DashboardReport(
            name,
            from,
            now,
            byStatus.Sum(s => s.Count),
            [.. pipeline.Where(p => p.Currency != null).OrderBy(p => p.Currency).Select(p => new PipelineValue(p.Currency!, p.Amount ?? 0))],
            approved,
            won,
            approved == 0 ? null : decimal.Round((decimal)won / approved, 4),
            [.. byStatus.OrderBy(s => s.Status).Select(s => new StageCount(SnakeCaseEnumConverter<OpportunityStatus>.NameOf(s.Status), s.Count))],
            [.. byStage.OrderBy(s => s.Stage).Select(s => new StageCount(SnakeCaseEnumConverter<Stage>.NameOf(s.Stage!.Value), s.Count))]);
    }
}
