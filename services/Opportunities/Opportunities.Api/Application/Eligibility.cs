using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Data;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>One condition of the eligibility rules, met or not, with what was found.</summary>
public sealed record EligibilityCondition(string Condition, bool Met, string Detail);

/// <summary>What a partner may do with opportunities, and why.</summary>
public sealed record EligibilityReport(
    Guid PartnerId,
    bool CanShareOpportunities,
    bool CanBeAssignedHandovers,
    string? PathStage,
    string[] CapabilityTags,
    string[] Programmes,
    int DeliveredPosLast12Months,
    DateTimeOffset? LastPoActivityAt,
    IReadOnlyList<EligibilityCondition> Conditions)
{
    /// <summary>The first failed condition for HO assignment, as the code that refuses it.</summary>
    public ErrorCode? AssignmentRefusal { get; init; }
}

/// <summary>
/// The eligibility rules from the read model of identity's events and this service's own POs:
/// sharing POs and accepting HOs needs PCE; being assigned HOs needs PCE, POs shared and updated in
/// the last 90 days, and <c>capability_differentiated</c>, or <c>role_certified</c> with 3 POs
/// delivered in the last 12 months.
/// </summary>
public sealed class Eligibility(OpportunitiesDbContext db, TimeProvider timeProvider, IOptions<OpportunitiesOptions> options)
{
    public const string CapabilityDifferentiated = "capability_differentiated";
    public const string RoleCertified = "role_certified";

    public async Task<EligibilityReport> EvaluateAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var rules = options.Value;
        var facts = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken);
        var programmes = await db.PartnerProgrammes.AsNoTracking()
            .Where(p => p.PartnerId == partnerId && p.Active).Select(p => p.Programme).OrderBy(p => p).ToArrayAsync(cancellationToken);
        var deliveredSince = now.AddMonths(-12);
        var delivered = await db.Opportunities.CountAsync(
            o => o.PartnerId == partnerId && o.DeliveredAt != null && o.DeliveredAt >= deliveredSince, cancellationToken);
        var lastActivity = await db.Opportunities
            .Where(o => o.PartnerId == partnerId && o.SubmittedAt != null)
            .MaxAsync(o => o.LastPartnerActivityAt, cancellationToken);

        var inPce = facts?.CoExpansionJoinedAt is not null;
        var recentSince = now.AddDays(-rules.RecentPoActivityDays);
        var recentlyActive = lastActivity is { } last && last >= recentSince;
        var stage = facts?.PathStage;
        var stageOk = stage is CapabilityDifferentiated || (stage is RoleCertified && delivered >= rules.DeliveredPosForRoleCertified);

        var conditions = new List<EligibilityCondition>
        {
            new("in_co_expansion_plan", inPce, inPce ? $"Joined the co-expansion plan at {facts!.CoExpansionJoinedAt:O}." : "Not in the co-expansion plan (PCE)."),
            new(
                "shares_and_updates_pos",
                recentlyActive,
                lastActivity is null
                    ? "No PO shared yet."
                    : $"Last PO shared or updated at {lastActivity:O}; needed since {recentSince:O} ({rules.RecentPoActivityDays} days)."),
            new(
                "path_stage",
                stageOk,
                stage switch
                {
                    CapabilityDifferentiated => "Path stage capability_differentiated.",
                    RoleCertified => $"Path stage role_certified with {delivered} POs won and delivered since {deliveredSince:O}; {rules.DeliveredPosForRoleCertified} needed.",
                    _ => $"Path stage {stage ?? "unknown"}; capability_differentiated, or role_certified with {rules.DeliveredPosForRoleCertified} delivered POs, needed.",
                }),
        };

        ErrorCode? refusal = !inPce ? OpportunitiesErrors.PartnerNotInPce
            : !recentlyActive ? OpportunitiesErrors.PartnerNoRecentPoActivity
            : stageOk ? null
            : stage is RoleCertified ? OpportunitiesErrors.PartnerTooFewDeliveredPos
            : OpportunitiesErrors.PartnerPathStageTooLow;

        return new EligibilityReport(
            partnerId, inPce, refusal is null, stage, facts?.CapabilityTags ?? [], programmes, delivered, lastActivity, conditions)
        {
            AssignmentRefusal = refusal,
        };
    }

    /// <summary>Refuses with the failed condition's code unless the partner may be assigned HOs.</summary>
    public async Task RequireAssignableAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        var report = await EvaluateAsync(partnerId, cancellationToken);
        if (report.AssignmentRefusal is { } refusal)
        {
            var failed = report.Conditions.First(c => !c.Met);
            throw new ApiException(refusal, $"{failed.Condition}: {failed.Detail}");
        }
    }
}
