using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The seed's customer registration API: check registration info, create customers, query customers.</summary>
public static class SubCustomersApi
{
    public static IEndpointRouteBuilder MapSubCustomersApi(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/v2/partners/sub-customers").WithTags("Customers").RequirePartner();

        customers.MapPost("/users/check-identity", CheckIdentityAsync)
            .WithName("CheckCustomerIdentity")
            .ProducesErrorCodes(IdentityErrors.InvalidMobile, IdentityErrors.InvalidAccountName)
            .WithSummary("Check whether an email, mobile number or account name can still be used to register a customer");
        customers.MapPost("/", CreateAsync)
            .WithName("CreateCustomer")
            .ProducesErrorCodes(IdentityErrors.InvalidAccountName, IdentityErrors.InvalidMobile, IdentityErrors.InvalidPassword, IdentityErrors.DistributorCannotAssociate, IdentityErrors.XAccountIdConflict, IdentityErrors.AccountNameExists, IdentityErrors.MobileExists, IdentityErrors.MobileLimitReached, IdentityErrors.EmailExists, IdentityErrors.VerificationCodeExpired, IdentityErrors.VerificationCodeDead, IdentityErrors.VerificationCodeWrong)
            .WithSummary("Create a customer account; the association with the partner follows asynchronously")
            .RequirePermission(PermissionItems.CustomersCreate)
            .WithIdempotency(required: false);
        customers.MapPost("/query", QueryAsync)
            .WithName("QueryCustomers")
            .ProducesErrorCodes()
            .WithSummary("The partner's associated customers, filtered and paged, personal data masked");
        customers.MapGet("/{customerId:guid}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("One associated customer, personal data masked");
        customers.MapPost("/{customerId:guid}/reveal", RevealAsync)
            .WithName("RevealCustomerField")
            .ProducesErrorCodes()
            .WithSummary("Show one personal data field of an associated customer in clear; every call is recorded")
            .RequirePermission(PermissionItems.CustomersViewPii);
        return app;
    }

    public static async Task<Ok<CheckIdentityResponse>> CheckIdentityAsync(CheckIdentityRequest request, SubCustomers customers, CancellationToken cancellationToken) =>
        TypedResults.Ok(CheckIdentityResponse.From(await customers.CheckIdentityAsync(request.SearchType, request.SearchValue, cancellationToken)));

    public static async Task<Results<Created<CreateCustomerResponse>, Ok<CreateCustomerResponse>>> CreateAsync(
        CreateCustomerRequest request, CurrentCaller caller, SubCustomers customers, CancellationToken cancellationToken) =>
        CreateCustomerResponse.Answer(await customers.CreateAsync(caller, request.ToInput(), cancellationToken));

    public static async Task<Ok<PagedResponse<CustomerInfo>>> QueryAsync(
        QueryCustomersRequest request, CurrentCaller caller, SubCustomers customers, CancellationToken cancellationToken) =>
        Views.Page("customer_infos", await customers.QueryAsync(caller.GetPartnerGuid(), request.ToFilter(), cancellationToken), CustomerInfo.From);

    public static async Task<Ok<CustomerInfo>> GetAsync(Guid customerId, CurrentCaller caller, SubCustomers customers, CancellationToken cancellationToken) =>
        TypedResults.Ok(CustomerInfo.From(await customers.GetAsync(caller.GetPartnerGuid(), customerId, cancellationToken)));

    public static async Task<Ok<RevealedField>> RevealAsync(
        Guid customerId, RevealRequest request, CurrentCaller caller, SubCustomers customers, CancellationToken cancellationToken) =>
        TypedResults.Ok(RevealedField.From(await customers.RevealAsync(caller, customerId, request.Field, cancellationToken)));
}
