namespace Opportunities.Api.Domain;

/// <summary>
/// A PO: an opportunity a partner shares with the vendor. Its four parts (budget, decision maker,
/// need, purchase plan) plus the customer, contact, expected incremental cloud revenue, the
/// partner's solution and, for a prospect, the consent record. Read-only once submitted, except the
/// parts a change request opens.
/// </summary>
public sealed class Opportunity
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public OpportunityStatus Status { get; set; }

    public Stage? Stage { get; set; }

    public decimal? BudgetAmount { get; set; }

    public string? BudgetCurrency { get; set; }

    public string? DecisionMakerName { get; set; }

    public string? DecisionMakerTitle { get; set; }

    public string[] NeedProducts { get; set; } = [];

    public string? NeedDescription { get; set; }

    public DateOnly? ExpectedOrderDate { get; set; }

    public string? ProjectTimeline { get; set; }

    /// <summary>An associated customer (identity's id); null for a prospect.</summary>
    public Guid? CustomerId { get; set; }

    public string? CustomerName { get; set; }

    public string? CustomerIndustry { get; set; }

    public string? CustomerProvince { get; set; }

    public string? CustomerCity { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public decimal? ExpectedRevenue { get; set; }

    public string? RevenueCurrency { get; set; }

    public bool CloudRelated { get; set; }

    public Guid? SolutionId { get; set; }

    public string? ConsentConfirmedBy { get; set; }

    public DateTimeOffset? ConsentConfirmedAt { get; set; }

    public string? ConsentMethod { get; set; }

    /// <summary>The review queue: <c>psm:{region}</c> for a new customer, <c>owner:{partner id}</c> for an existing one.</summary>
    public string? RoutedTo { get; set; }

    public string? PsmRegion { get; set; }

    public OpportunityPart[] EditableParts { get; set; } = [];

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? ValidateBy { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public RejectionReason? RejectionReason { get; set; }

    public DateTimeOffset? WonAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The partner's last submission or progress update: HO eligibility asks for recent activity.</summary>
    public DateTimeOffset? LastPartnerActivityAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}

/// <summary>One entry of a PO's or HO's history: review steps, progress updates by the partner or the vendor.</summary>
public sealed class HistoryEntry
{
    public long Id { get; set; }

    /// <summary>The PO's or HO's id.</summary>
    public Guid SubjectId { get; set; }

    public HistoryKind Kind { get; set; }

    public Stage? Stage { get; set; }

    public string? Note { get; set; }

    public bool ByVendor { get; set; }

    public string? AuthorId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}
