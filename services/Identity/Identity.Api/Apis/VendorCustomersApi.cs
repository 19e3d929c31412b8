using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("Record a customer's unpaid partner orders, arrears, freeze, reserved resources, balance and expiring resources")
            .RequireVendorRole(FactRecorders);
        group.MapPost("/customer-warnings/refresh", RefreshWarningsAsync)
            .WithName("RefreshCustomerWarnings")
            .WithSummary("Run today's customer warning refresh now")
            .RequireVendorRole("admin", "ops");
        return app;
    }

    public static async Task<Ok<CustomerAccountFactsView>> RecordFactsAsync(
        Guid customerId, RecordFactsRequest request, CurrentCaller caller, IdentityDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (request.ArrearsAmount < 0)
        {
            throw new ApiException(ErrorCodes.ParameterOutOfRange, "arrears_amount must not be negative.",
                new Dictionary<string, string[]> { ["arrears_amount"] = ["arrears_amount must not be negative."] });
        }

        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw ApiException.NotFound();
        }

        var facts = await db.CustomerAccountFacts.SingleOrDefaultAsync(f => f.CustomerId == customerId, cancellationToken);
        if (facts is null)
        {
            facts = new CustomerAccountFacts { CustomerId = customerId };
            db.CustomerAccountFacts.Add(facts);
        }

        facts.UnpaidPartnerOrders = request.UnpaidPartnerOrders ?? false;
        facts.ArrearsAmount = request.ArrearsAmount ?? 0;
        facts.ManualFreeze = request.ManualFreeze ?? false;
        facts.ReservedResourcesUntil = request.ReservedResourcesUntil;
        facts.Balance = request.Balance;
        facts.ResourcesExpiringAt = request.ResourcesExpiringAt;
        facts.UpdatedAt = timeProvider.Now();
        facts.UpdatedBy = caller.RequireUserGuid();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(CustomerAccountFactsView.From(facts));
    }

    public static async Task<Ok<CustomerWarnings.RefreshResult>> RefreshWarningsAsync(CustomerWarnings warnings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await warnings.RefreshAsync(force: true, cancellationToken)
            ?? throw ApiException.IllegalState("A refresh is running right now; try again shortly."));

    /// <summary>Replaces all facts; an absent field means "none".</summary>
    public sealed record RecordFactsRequest(
        bool? UnpaidPartnerOrders = null,
        decimal? ArrearsAmount = null,
        bool? ManualFreeze = null,
        DateTimeOffset? ReservedResourcesUntil = null,
        decimal? Balance = null,
        DateTimeOffset? ResourcesExpiringAt = null);

    public sealed record CustomerAccountFactsView(
        Guid CustomerId, bool UnpaidPartnerOrders, decimal ArrearsAmount, bool ManualFreeze, DateTimeOffset? ReservedResourcesUntil,
        decimal? Balance, DateTimeOffset? ResourcesExpiringAt, DateTimeOffset UpdatedAt)
    {
        public static CustomerAccountFactsView From(CustomerAccountFacts f) => new(
            f.CustomerId, f.UnpaidPartnerOrders, f.ArrearsAmount, f.ManualFreeze, f.ReservedResourcesUntil, f.Balance, f.ResourcesExpiringAt, f.UpdatedAt);
    }
}
