using Opportunities.Api.Application;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

public sealed record MoneyView(decimal? Amount, string? Currency);

public sealed record CustomerView(Guid? CustomerId, string? Name, string? Industry, string? Province, string? City);

/// <summary>Personal data, masked as in every response.</summary>
public sealed record ContactView(string? Name, string? Phone, string? Email)
{
    public static ContactView Masked(string? name, string? phone, string? email) => new(PiiMask.Name(name), PiiMask.Mobile(phone), PiiMask.Email(email));
}

public sealed record ConsentView(string? ConfirmedBy, DateTimeOffset? ConfirmedAt, string? Method);

/// <summary>A PO with its four parts; <c>editable_parts</c> lists what a change request opened.</summary>
public sealed record OpportunityView(
    Guid Id,
    Guid PartnerId,
    OpportunityStatus Status,
    Stage? Stage,
    MoneyView Budget,
    DecisionMakerInput DecisionMaker,
    NeedInput Need,
    PurchasePlanInput PurchasePlan,
    CustomerView Customer,
    ContactView Contact,
    MoneyView ExpectedRevenue,
    bool CloudRelated,
    Guid? SolutionId,
    ConsentView Consent,
    string? RoutedTo,
    OpportunityPart[] EditableParts,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? DueAt,
    RejectionReason? RejectionReason,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset? WonAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OpportunityView From(Opportunity po) => new(
        po.Id,
        po.PartnerId,
        po.Status,
        po.Stage,
        new MoneyView(po.BudgetAmount, po.BudgetCurrency),
        new DecisionMakerInput(PiiMask.Name(po.DecisionMakerName), po.DecisionMakerTitle),
        new NeedInput(po.NeedProducts, po.NeedDescription),
        new PurchasePlanInput(po.ExpectedOrderDate, po.ProjectTimeline),
        new CustomerView(po.CustomerId, po.CustomerName, po.CustomerIndustry, po.CustomerProvince, po.CustomerCity),
        ContactView.Masked(po.ContactName, po.ContactPhone, po.ContactEmail),
        new MoneyView(po.ExpectedRevenue, po.RevenueCurrency),
        po.CloudRelated,
        po.SolutionId,
        new ConsentView(PiiMask.Name(po.ConsentConfirmedBy), po.ConsentConfirmedAt, po.ConsentMethod),
        po.RoutedTo,
        po.EditableParts,
        po.SubmittedAt,
        po.ValidateBy,
        po.RejectionReason,
        po.ReviewedAt,
        po.WonAt,
        po.DeliveredAt,
        po.CreatedAt,
        po.UpdatedAt);
}

public sealed record OpportunityList(long TotalCount, IReadOnlyList<OpportunityView> Opportunities);

/// <summary>A vendor review queue, the most urgent (earliest <c>due_at</c>) first.</summary>
public sealed record QueueView(string Queue, long TotalCount, IReadOnlyList<OpportunityView> Opportunities);

public sealed record HistoryView(HistoryKind Kind, Stage? Stage, string? Note, bool ByVendor, DateTimeOffset OccurredAt)
{
    public static HistoryView From(HistoryEntry entry) => new(entry.Kind, entry.Stage, entry.Note, entry.ByVendor, entry.OccurredAt);
}

public sealed record HistoryList(IReadOnlyList<HistoryView> History)
{
    public static HistoryList From(IEnumerable<HistoryEntry> entries) => new([.. entries.Select(HistoryView.From)]);
}

/// <summary>
/// An HO. Before the partner accepts it, <c>contact</c> is null (the customer contact's personal
/// data is shown only after acceptance, masked).
/// </summary>
public sealed record HandoverView(
    Guid Id,
    HandoverStatus Status,
    string Title,
    string Description,
    string SolutionType,
    OfferingRuleSet? OfferingRuleSet,
    string? Offering,
    string? CommitteeCase,
    CustomerView Customer,
    ContactView? Contact,
    MoneyView ExpectedRevenue,
    Guid? PartnerId,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? RespondedAt,
    string? RejectionReason,
    Stage? Stage,
    DateTimeOffset CreatedAt)
{
    public static HandoverView From(Handover ho, bool forVendor) => new(
        ho.Id,
        ho.Status,
        ho.Title,
        ho.Description,
        ho.SolutionType,
        ho.OfferingRuleSet,
        ho.Offering,
        ho.CommitteeCase,
        new CustomerView(null, ho.CustomerName, ho.CustomerIndustry, ho.CustomerProvince, null),
        forVendor || ho.Status == HandoverStatus.Accepted ? ContactView.Masked(ho.ContactName, ho.ContactPhone, ho.ContactEmail) : null,
        new MoneyView(ho.ExpectedRevenue, ho.Currency),
        ho.PartnerId,
        ho.AssignedAt,
        ho.RespondBy,
        ho.RespondedAt,
        ho.RejectionReason,
        ho.Stage,
        ho.CreatedAt);
}

public sealed record HandoverList(long TotalCount, IReadOnlyList<HandoverView> Handovers);

public sealed record SolutionView(Guid Id, string Name, string Description, string[] Products, SolutionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static SolutionView From(PartnerSolution s) => new(s.Id, s.Name, s.Description, s.Products, s.Status, s.CreatedAt, s.UpdatedAt);
}

public sealed record SolutionList(long TotalCount, IReadOnlyList<SolutionView> Solutions);

public sealed record DealView(
    Guid Id,
    string DealName,
    Guid? CustomerId,
    string CustomerName,
    string CustomerAccountName,
    string AccountManagerName,
    string ProductCode,
    MoneyView Amount,
    Guid? ResellerPartnerId,
    DateTimeOffset RegisteredAt,
    DateTimeOffset ProtectedUntil)
{
    public static DealView From(Deal d) => new(
        d.Id, d.DealName, d.CustomerId, d.CustomerName, d.CustomerAccountName, PiiMask.Name(d.AccountManagerName)!, d.ProductCode,
        new MoneyView(d.Amount, d.Currency), d.ResellerPartnerId, d.RegisteredAt, d.ProtectedUntil);
}

public sealed record DealList(long TotalCount, IReadOnlyList<DealView> Deals);

public sealed record ResellerCustomerList(long TotalCount, IReadOnlyList<ResellerCustomer> Customers);

public sealed record ProjectView(
    Guid Id,
    Guid PartnerId,
    string ProjectName,
    string Description,
    string CustomerName,
    MoneyView AnnualCloudSpending,
    bool Overseas,
    ProjectStatus Status,
    string? ReviewNote,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectView From(Project p) => new(
        p.Id, p.PartnerId, p.ProjectName, p.Description, p.CustomerName, new MoneyView(p.AnnualCloudSpending, p.Currency), p.Overseas, p.Status,
        p.ReviewNote, p.ReviewedAt, p.CreatedAt, p.UpdatedAt);
}

public sealed record ProjectList(long TotalCount, IReadOnlyList<ProjectView> Projects);

public sealed record EligibilityView(
    Guid PartnerId,
    bool CanShareOpportunities,
    bool CanBeAssignedHandovers,
    string? FailedCondition,
    string? PathStage,
    string[] CapabilityTags,
    string[] Programmes,
    int DeliveredPosLast12Months,
    DateTimeOffset? LastPoActivityAt,
    IReadOnlyList<EligibilityCondition> Conditions)
{
    public static EligibilityView From(EligibilityReport r) => new(
        r.PartnerId, r.CanShareOpportunities, r.CanBeAssignedHandovers, r.AssignmentRefusal?.Code, r.PathStage, r.CapabilityTags, r.Programmes,
        r.DeliveredPosLast12Months, r.LastPoActivityAt, r.Conditions);
}
