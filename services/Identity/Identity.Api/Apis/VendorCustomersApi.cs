using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Vendor staff record what billing knows of a customer and run the warning refresh on demand.</summary>
public static class VendorCustomersApi
{
    public static readonly string[] FactRecorders = ["admin", "ops", "psm"];

    public static IEndpointRouteBuilder MapVendorCustomersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/vendor/partners").WithTags("Vendor: customers");
        group.MapPut("/customers/{customerId:guid}/account-facts", RecordFactsAsync)
            .WithName("RecordCustomerAccountFacts")
            .ProducesErrorCodes()
            .WithSummary("Record a customer's unpaid partner orders, arrears, freeze, reserved resources, balance and expiring resources")
            .RequireVendorRole(FactRecorders);
        group.MapPost("/customer-warnings/refresh", RefreshWarningsAsync)
            .WithName("RefreshCustomerWarnings")
            .ProducesErrorCodes()
            .WithSummary("Run today's customer warning refresh now")
            .RequireVendorRole("admin", "ops");
        return app;
    }

    public static async Task<Ok<CustomerAccountFactsView>> RecordFactsAsync(
        Guid customerId, RecordFactsRequest request, CurrentCaller caller, AccountFacts facts, CancellationToken cancellationToken) =>
        TypedResults.Ok(CustomerAccountFactsView.From(await facts.RecordAsync(customerId, request.ToFacts(), caller.GetUserGuid(), cancellationToken)));

    public static async Task<Ok<CustomerWarnings.RefreshResult>> RefreshWarningsAsync(CustomerWarnings warnings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await warnings.RefreshAsync(force: true, cancellationToken)
            ?? throw ApiException.IllegalState("A refresh is running right now; try again shortly."));
}
