using Resellers.Api.Application;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>A link as the API shows it. <c>state</c>: applied, vendor_approved, invited, active, rejected, suspended, revoked.</summary>
public sealed record LinkView(
    Guid LinkId,
    Guid DistributorPartnerId,
    string? DistributorName,
    Guid ResellerPartnerId,
    string? ResellerName,
    string State,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? InvitationExpiresAt,
    DateTimeOffset? VendorReviewedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? EndedAt,
    string? Reason,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt,
    DateTimeOffset UpdatedAt)
{
    public static List<LinkView> From(NamedLinks named) => [.. named.Links.Select(link => From(link, named.Names))];

    public static LinkView From(ResellerLink link, IReadOnlyDictionary<Guid, string> names) => new(
        link.Id,
        link.DistributorPartnerId,
        names.GetValueOrDefault(link.DistributorPartnerId),
        link.ResellerPartnerId,
        names.GetValueOrDefault(link.ResellerPartnerId),
        Names.Snake(link.State),
        Names.Snake(link.Origin),
        link.CreatedAt,
        link.InvitationExpiresAt,
        link.VendorReviewedAt,
        link.ActivatedAt,
        link.EndedAt,
        link.Reason,
        link.AccountManagerMemberId,
        link.AccountManagerAssignedAt,
        link.UpdatedAt);
}

public sealed record ReviewResponse(IReadOnlyList<Guid> Succeeded, IReadOnlyList<BatchError> ErrorDetails);

/// <summary>One reason an account may not join: <c>already_solution_provider</c>, <c>associated_customer</c>, <c>arrears_or_credit_account</c>, <c>frozen</c>.</summary>
public sealed record JoinBlockerView(string Reason, string ErrorCode, string ErrorMsg)
{
    public static List<JoinBlockerView> Of(IEnumerable<JoinBlockerReason> blockers) =>
        [.. blockers.Select(b => new JoinBlockerView(Names.Snake(b), JoinBlockers.ErrorFor(b).Code, JoinBlockers.ErrorFor(b).Message))];
}

public sealed record EligibilityView(Guid PartnerId, bool Eligible, IReadOnlyList<JoinBlockerView> Blockers);

public sealed record JoinFactsView(
    Guid PartnerId,
    bool HasArrears,
    bool HasCreditAccount,
    bool IsFrozen,
    bool IsAssociatedCustomer,
    string? Note,
    DateTimeOffset? RecordedAt,
    IReadOnlyList<JoinBlockerView> Blockers)
{
    public static JoinFactsView From(RecordedJoinFacts recorded) => new(
        recorded.PartnerId,
        recorded.Facts?.HasArrears ?? false,
        recorded.Facts?.HasCreditAccount ?? false,
        recorded.Facts?.IsFrozen ?? false,
        recorded.Facts?.IsAssociatedCustomer ?? false,
        recorded.Facts?.Note,
        recorded.Facts?.RecordedAt,
        JoinBlockerView.Of(recorded.Blockers));
}

/// <summary>A reseller as its distributor sees it; <c>status</c>: <c>active</c> or <c>suspended</c>.</summary>
public sealed record IndirectPartnerView(
    Guid IndirectPartnerId,
    string? AccountName,
    DateTimeOffset? AssociatedOn,
    string Status,
    Guid LinkId,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt)
{
    public static IndirectPartnerView From(NamedLink named) => new(
        named.Link.ResellerPartnerId,
        named.Name,
        named.Link.ActivatedAt,
        Names.Snake(named.Link.State),
        named.Link.Id,
        named.Link.AccountManagerMemberId,
        named.Link.AccountManagerAssignedAt);
}

public sealed record AccountManagerAssignmentView(Guid MemberId, Guid AssignedBy, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt)
{
    public static AccountManagerAssignmentView From(AccountManagerAssignment a) => new(a.MemberId, a.AssignedBy, a.AssignedAt, a.EndedAt);
}

/// <summary>What a reseller sees of its distributor.</summary>
public sealed record MyDistributorView(
    Guid LinkId,
    Guid DistributorPartnerId,
    string? DistributorName,
    string State,
    DateTimeOffset? AssociatedOn,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt)
{
    public static MyDistributorView From(NamedLink named) => new(
        named.Link.Id,
        named.Link.DistributorPartnerId,
        named.Name,
        Names.Snake(named.Link.State),
        named.Link.ActivatedAt,
        named.Link.AccountManagerMemberId,
        named.Link.AccountManagerAssignedAt);
}

public sealed record MetricsView(int NewCustomers, int CouponRedemptions, int OpportunitiesWon);

/// <summary><c>plan_state</c>: not_required, required, submitted, approved, rejected. <c>handling_option</c>: rectification, downgrade, voluntary_exit.</summary>
public sealed record ScorecardView(
    Guid ScorecardId,
    Guid ResellerPartnerId,
    Guid DistributorPartnerId,
    string Period,
    MetricsView Metrics,
    MetricsView Targets,
    bool Passed,
    DateTimeOffset PublishedAt,
    string PlanState,
    string? PlanFileName,
    string? HandlingOption,
    DateTimeOffset? PlanSubmittedAt,
    DateTimeOffset? PlanReviewedAt,
    string? PlanReviewNote)
{
    public static ScorecardView From(Scorecard s) => new(
        s.Id,
        s.ResellerPartnerId,
        s.DistributorPartnerId,
        s.Period,
        new MetricsView(s.NewCustomers, s.CouponRedemptions, s.OpportunitiesWon),
        new MetricsView(s.TargetNewCustomers, s.TargetCouponRedemptions, s.TargetOpportunitiesWon),
        s.Passed,
        s.PublishedAt,
        Names.Snake(s.PlanState),
        s.PlanFileName,
        s.HandlingOption is { } option ? Names.Snake(option) : null,
        s.PlanSubmittedAt,
        s.PlanReviewedAt,
        s.PlanReviewNote);
}

/// <summary>One reseller's line in its distributor's summary: metrics and outcome only, never customers' data.</summary>
public sealed record ResellerScoreView(Guid IndirectPartnerId, string? AccountName, bool Passed, string PlanState, MetricsView Metrics);

public sealed record PlanCountsView(int Required, int Submitted, int Approved, int Rejected);

public sealed record ScorecardSummaryView(
    string Period, int ResellerCount, int PassedCount, int FailedCount, PlanCountsView Plans, MetricsView Totals,
    IReadOnlyList<ResellerScoreView> Resellers)
{
    public static ScorecardSummaryView From(ScorecardSummary summary)
    {
        var cards = summary.Scorecards;
        int Count(ImprovementPlanState state) => cards.Count(c => c.PlanState == state);
        return new ScorecardSummaryView(
            summary.Period,
            cards.Count,
            cards.Count(c => c.Passed),
            cards.Count(c => !c.Passed),
            new PlanCountsView(
                Count(ImprovementPlanState.Required), Count(ImprovementPlanState.Submitted),
                Count(ImprovementPlanState.Approved), Count(ImprovementPlanState.Rejected)),
            new MetricsView(cards.Sum(c => c.NewCustomers), cards.Sum(c => c.CouponRedemptions), cards.Sum(c => c.OpportunitiesWon)),
            [.. cards.Select(c => new ResellerScoreView(
                c.ResellerPartnerId, summary.Names.GetValueOrDefault(c.ResellerPartnerId), c.Passed, Names.Snake(c.PlanState),
                new MetricsView(c.NewCustomers, c.CouponRedemptions, c.OpportunitiesWon)))]);
    }
}

public sealed record PriceAdjustmentView(decimal PreviousPrice, decimal NewPrice, string Currency, string? Reason, Guid AdjustedBy, DateTimeOffset AdjustedAt);

public sealed record MarketplaceOrderView(
    string OrderId,
    Guid CustomerId,
    string ProductName,
    Guid? ResellerPartnerId,
    decimal CataloguePrice,
    decimal FloorPrice,
    decimal Price,
    string Currency,
    DateTimeOffset OrderedAt,
    IReadOnlyList<PriceAdjustmentView> Adjustments)
{
    public static MarketplaceOrderView From(OrderWithAdjustments item)
    {
        var order = item.Order;
        return new MarketplaceOrderView(
            order.OrderId, order.CustomerId, order.ProductName, order.ResellerPartnerId, order.CataloguePrice, order.FloorPrice,
            order.Price, order.Currency, order.OrderedAt,
            [.. item.Adjustments.Select(a => new PriceAdjustmentView(a.PreviousPrice, a.NewPrice, order.Currency, a.Reason, a.AdjustedBy, a.AdjustedAt))]);
    }
}
