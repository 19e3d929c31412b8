using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

public sealed record MoneyInput(decimal? Amount = null, string? Currency = null);

public sealed record DecisionMakerInput(string? Name = null, string? Title = null);

public sealed record NeedInput(string[]? Products = null, string? Description = null);

public sealed record PurchasePlanInput(DateOnly? ExpectedOrderDate = null, string? ProjectTimeline = null);

/// <summary><c>customer_id</c> names an associated customer (identity's id); without it the customer is a prospect.</summary>
public sealed record CustomerInput(Guid? CustomerId = null, string? Name = null, string? Industry = null, string? Province = null, string? City = null);

public sealed record ContactInput(string? Name = null, string? Phone = null, string? Email = null);

/// <summary>A prospect's consent to share the opportunity and its personal data: who confirmed, when, how.</summary>
public sealed record ConsentInput(string? ConfirmedBy = null, DateTimeOffset? ConfirmedAt = null, string? Method = null);

/// <summary>A PO draft: every part is optional until submit, which checks completeness and plausibility.</summary>
public sealed record OpportunityDraft(
    MoneyInput? Budget = null,
    DecisionMakerInput? DecisionMaker = null,
    NeedInput? Need = null,
    PurchasePlanInput? PurchasePlan = null,
    CustomerInput? Customer = null,
    ContactInput? Contact = null,
    MoneyInput? ExpectedRevenue = null,
    bool? CloudRelated = null,
    Guid? SolutionId = null,
    ConsentInput? Consent = null);

/// <summary>Writing a draft into a PO, and the parts' values for change-request checks.</summary>
internal static class OpportunityDrafts
{
    public static void Apply(Opportunity po, OpportunityDraft draft)
    {
        var errors = new FieldValidation();
        po.BudgetAmount = draft.Budget?.Amount is { } budget ? errors.Amount(budget, "budget.amount") : null;
        po.BudgetCurrency = draft.Budget?.Currency is null ? null : errors.Currency(draft.Budget.Currency, "budget.currency");
        po.DecisionMakerName = errors.Text(draft.DecisionMaker?.Name, "decision_maker.name", 100);
        po.DecisionMakerTitle = errors.Text(draft.DecisionMaker?.Title, "decision_maker.title", 100);
        po.NeedProducts = [.. (draft.Need?.Products ?? []).Select((p, i) => errors.Text(p, $"need.products[{i}]", 100)).OfType<string>().Distinct(StringComparer.Ordinal)];
        po.NeedDescription = errors.Text(draft.Need?.Description, "need.description", 2000);
        po.ExpectedOrderDate = draft.PurchasePlan?.ExpectedOrderDate;
        po.ProjectTimeline = errors.Text(draft.PurchasePlan?.ProjectTimeline, "purchase_plan.project_timeline", 500);
        po.CustomerId = draft.Customer?.CustomerId;
        po.CustomerName = errors.Text(draft.Customer?.Name, "customer.name", 200);
        po.CustomerIndustry = errors.Text(draft.Customer?.Industry, "customer.industry", 100);
        po.CustomerProvince = errors.Text(draft.Customer?.Province, "customer.province", 64)?.ToLowerInvariant();
        po.CustomerCity = errors.Text(draft.Customer?.City, "customer.city", 64);
        po.ContactName = errors.Text(draft.Contact?.Name, "contact.name", 100);
        po.ContactPhone = errors.Text(draft.Contact?.Phone, "contact.phone", 32);
        po.ContactEmail = errors.Text(draft.Contact?.Email, "contact.email", 200);
        po.ExpectedRevenue = draft.ExpectedRevenue?.Amount is { } revenue ? errors.Amount(revenue, "expected_revenue.amount", allowZero: true) : null;
        po.RevenueCurrency = draft.ExpectedRevenue?.Currency is null ? null : errors.Currency(draft.ExpectedRevenue.Currency, "expected_revenue.currency");
        po.CloudRelated = draft.CloudRelated ?? false;
        po.SolutionId = draft.SolutionId;
        po.ConsentConfirmedBy = errors.Text(draft.Consent?.ConfirmedBy, "consent.confirmed_by", 100);
        po.ConsentConfirmedAt = draft.Consent?.ConfirmedAt;
        po.ConsentMethod = errors.Text(draft.Consent?.Method, "consent.method", 100);
        errors.ThrowIfAny();
    }

    /// <summary>Each part's values as one comparable text.</summary>
    public static Dictionary<OpportunityPart, string> PartValues(Opportunity po) => new()
    {
        [OpportunityPart.Budget] = $"{po.BudgetAmount:0.00}|{po.BudgetCurrency}",
        [OpportunityPart.DecisionMaker] = $"{po.DecisionMakerName}|{po.DecisionMakerTitle}",
        [OpportunityPart.Need] = $"{string.Join(',', po.NeedProducts)}|{po.NeedDescription}",
        [OpportunityPart.PurchasePlan] = $"{po.ExpectedOrderDate}|{po.ProjectTimeline}",
        [OpportunityPart.Customer] = $"{po.CustomerId}|{po.CustomerName}|{po.CustomerIndustry}|{po.CustomerProvince}|{po.CustomerCity}",
        [OpportunityPart.Contact] = $"{po.ContactName}|{po.ContactPhone}|{po.ContactEmail}",
        [OpportunityPart.ExpectedRevenue] = $"{po.ExpectedRevenue:0.00}|{po.RevenueCurrency}|{po.CloudRelated}",
        [OpportunityPart.Solution] = $"{po.SolutionId}",
        [OpportunityPart.Consent] = $"{po.ConsentConfirmedBy}|{po.ConsentConfirmedAt:O}|{po.ConsentMethod}",
    };

    /// <summary>The fields a submit needs, as field → message.</summary>
    public static FieldValidation Missing(Opportunity po)
    {
        var errors = new FieldValidation();
        void Require(bool present, string field)
        {
            if (!present)
            {
                errors.Add(field, $"{field} is required to submit.");
            }
        }

        Require(po.BudgetAmount is > 0, "budget.amount");
        Require(po.BudgetCurrency is not null, "budget.currency");
        Require(po.DecisionMakerName is not null, "decision_maker.name");
        Require(po.DecisionMakerTitle is not null, "decision_maker.title");
        Require(po.NeedProducts.Length > 0, "need.products");
        Require(po.NeedDescription is not null, "need.description");
        Require(po.ExpectedOrderDate is not null, "purchase_plan.expected_order_date");
        Require(po.ProjectTimeline is not null, "purchase_plan.project_timeline");
        Require(po.CustomerName is not null, "customer.name");
        Require(po.CustomerIndustry is not null, "customer.industry");
        Require(po.CustomerProvince is not null, "customer.province");
        Require(po.ContactName is not null, "contact.name");
        Require(po.ContactPhone is not null || po.ContactEmail is not null, "contact.phone");
        Require(po.ExpectedRevenue is not null, "expected_revenue.amount");
        Require(po.RevenueCurrency is not null, "expected_revenue.currency");
        return errors;
    }
}
