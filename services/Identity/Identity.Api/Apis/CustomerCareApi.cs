using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The partner's side of an association: authorisations, disassociation, capabilities, account manager, warnings.</summary>
public static class CustomerCareApi
{
    public static IEndpointRouteBuilder MapCustomerCareApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/partners/sub-customers").WithTags("Customer association").RequirePartner();

        group.MapPost("/{customerId:guid}/authorisations", RequestAuthorisationAsync)
            .WithName("RequestCustomerAuthorisation")
            .ProducesErrorCodes()
            .WithSummary("Ask the customer to authorise ordering on its behalf or sharing its data with the vendor")
            .RequirePermission(PermissionItems.CustomersManage)
            .WithIdempotency(required: false);
        group.MapGet("/{customerId:guid}/authorisations", ListAuthorisationsAsync)
            .WithName("ListCustomerAuthorisations")
            .WithSummary("The partner's authorisation requests to one customer, newest first");
        group.MapPost("/{customerId:guid}/disassociation", DisassociateAsync)
            .WithName("DisassociateCustomer")
            .ProducesErrorCodes(IdentityErrors.DisassociationCooldown, IdentityErrors.DisassociationBlocked)
            .WithSummary("End the association (once per customer every 3 months, not while blockers exist)")
            .RequirePermission(PermissionItems.CustomersManage);
        group.MapGet("/{customerId:guid}/capabilities", CapabilitiesAsync)
            .WithName("GetCustomerCapabilities")
            .WithSummary("What the caller may do with the customer now, with the reasons it may not");
        group.MapPut("/{customerId:guid}/account-manager", AssignAccountManagerAsync)
            .WithName("AssignAccountManager")
            .ProducesErrorCodes()
            .WithSummary("Make one of the partner's members the customer's responsible owner")
            .RequirePermission(PermissionItems.CustomersManage);
        group.MapGet("/warnings", ListWarningsAsync)
            .WithName("ListCustomerWarnings")
            .WithSummary("Warnings about the partner's customers (low balance, arrears, resources expiring)");
        group.MapPost("/warnings/{warningId:guid}/close", CloseWarningAsync)
            .WithName("CloseCustomerWarning")
            .ProducesErrorCodes()
            .WithSummary("Close a warning with a note; only the customer's responsible owner may");
        return app;
    }

    public static async Task<Created<AuthorisationView>> RequestAuthorisationAsync(
        Guid customerId, RequestAuthorisationRequest request, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken) =>
        TypedResults.Created($"/v2/partners/sub-customers/{customerId}/authorisations", AuthorisationView.From(
            await authorisations.RequestAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), customerId, request.Purpose, cancellationToken)));

    public static async Task<Ok<PagedResponse<AuthorisationView>>> ListAuthorisationsAsync(
        Guid customerId, PageRequest page, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken) =>
        Views.Page("authorisations", await authorisations.ListForPartnerAsync(caller.GetPartnerGuid(), customerId, page, cancellationToken), AuthorisationView.From);

    public static Task<NoContent> DisassociateAsync(Guid customerId, CurrentCaller caller, Disassociations disassociations, CancellationToken cancellationToken) =>
        disassociations.DisassociateByPartnerAsync(caller.GetPartnerGuid(), customerId, caller.GetUserGuid(), cancellationToken).ThenNoContent();

    public static async Task<Ok<CapabilitiesView>> CapabilitiesAsync(
        Guid customerId, CurrentCaller caller, CustomerCapabilities capabilities, CancellationToken cancellationToken) =>
        TypedResults.Ok(CapabilitiesView.From(await capabilities.AssessAsync(caller, customerId, cancellationToken)));

    public static async Task<Ok<CustomerInfo>> AssignAccountManagerAsync(
        Guid customerId, AssignAccountManagerRequest request, CurrentCaller caller, AccountManagers accountManagers, CancellationToken cancellationToken) =>
        TypedResults.Ok(CustomerInfo.From(await accountManagers.AssignAndReadAsync(caller.GetPartnerGuid(), customerId, request.MemberId, cancellationToken)));

    public static async Task<Ok<PagedResponse<WarningView>>> ListWarningsAsync(
        PageRequest page, CurrentCaller caller, CustomerWarnings warnings, string? status, CancellationToken cancellationToken) =>
        Views.Page("warnings", await warnings.ListAsync(caller.GetPartnerGuid(), status, page, cancellationToken), WarningView.From);

    public static async Task<Ok<WarningView>> CloseWarningAsync(
        Guid warningId, CloseWarningRequest request, CurrentCaller caller, CustomerWarnings warnings, CancellationToken cancellationToken) =>
        TypedResults.Ok(WarningView.From(await warnings.CloseAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), warningId, request.Note, cancellationToken)));
}
