using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Opportunities.Api.Application;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Apis;

/// <summary>Deal registration (商机报备) with its protection window and the seed's query.</summary>
public static class DealsApi
{
    public static IEndpointRouteBuilder MapDealsApi(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/v2/partners/opportunities/deals").WithTags("Deal registration").RequirePartner();

        deals.MapPost("", RegisterAsync)
            .WithName("RegisterDeal")
            .ProducesErrorCodes(OpportunitiesErrors.CustomerNotAssociated, OpportunitiesErrors.ResellerCustomerNotChoosable, OpportunitiesErrors.DealAlreadyRegistered, OpportunitiesErrors.DealProtected)
            .WithSummary("Register a deal; the customer and product are protected for 90 days against other partners' registrations")
            .WithIdempotency();

        deals.MapGet("", QueryAsync)
            .WithName("QueryDeals")
            .WithSummary("The caller's deals by deal name, customer name, customer account name and account manager name");

        deals.MapGet("/reseller-customers", ResellerCustomersAsync)
            .WithName("ListDealResellerCustomers")
            .WithSummary("Customers of the caller's actively linked resellers: the only reseller customers a deal may name");

        deals.MapGet("/{deal_id:guid}", GetAsync)
            .WithName("GetDeal")
            .WithSummary("One of the caller's deals");
        return app;
    }

    private static async Task<Created<DealView>> RegisterAsync(DealInput request, CurrentCaller caller, Deals deals, CancellationToken cancellationToken)
    {
        var deal = await deals.RegisterAsync(caller, request, cancellationToken);
        return TypedResults.Created($"/v2/partners/opportunities/deals/{deal.Id}", DealView.From(deal));
    }

    private static async Task<Ok<DealList>> QueryAsync(
        [AsParameters] DealQuery query, PageRequest page, CurrentCaller caller, Deals deals, CancellationToken cancellationToken)
    {
        var filter = new DealFilter(query.DealName, query.CustomerName, query.CustomerAccountName, query.AccountManagerName);
        var (total, items) = await deals.QueryAsync(caller, filter, page, cancellationToken);
        return TypedResults.Ok(new DealList(total, [.. items.Select(DealView.From)]));
    }

    private static async Task<Ok<ResellerCustomerList>> ResellerCustomersAsync(
        PageRequest page, CurrentCaller caller, Deals deals, CancellationToken cancellationToken)
    {
        var (total, items) = await deals.ResellerCustomersAsync(caller, page, cancellationToken);
        return TypedResults.Ok(new ResellerCustomerList(total, items));
    }

    private static async Task<Ok<DealView>> GetAsync(
        [FromRoute(Name = "deal_id")] Guid id, CurrentCaller caller, Deals deals, CancellationToken cancellationToken) =>
        TypedResults.Ok(DealView.From(await deals.GetAsync(caller, id, cancellationToken)));
}
