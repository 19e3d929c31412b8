using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>
/// The customer's side: sign up, accept an invitation, see its partner, decide authorisation
/// requests, leave its partner. Under the identity prefixes of the gateway.
/// </summary>
public static class CustomerSelfServiceApi
{
    public static IEndpointRouteBuilder MapCustomerSelfServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/auth/customers/register", RegisterAsync)
            .WithTags("Customer self-service")
            .WithName("RegisterCustomerAccount")
            .ProducesErrorCodes(IdentityErrors.InvalidAccountName, IdentityErrors.InvalidPassword, IdentityErrors.EmailExists, IdentityErrors.AccountNameExists)
            .WithSummary("A customer signs up for a cloud account of its own (not associated with any partner)")
            .AllowAnonymous()
            .WithRateLimit();

        app.MapGet("/v2/partners/sub-customers/invitations/preview", PreviewInvitationAsync)
            .WithTags("Customer self-service")
            .WithName("PreviewCustomerInvitation")
            .ProducesErrorCodes(IdentityErrors.InvitationInvalid)
            .WithSummary("Before signing in: the inviting partner, association type, expiry and status of an association invitation link (read only)")
            .AllowAnonymous()
            .WithRateLimit();

        var me = app.MapGroup("/v2/partners/sub-customers/me").WithTags("Customer self-service");
        me.MapPost("/invitations/accept", AcceptInvitationAsync)
            .WithName("AcceptCustomerInvitation")
            .ProducesErrorCodes(IdentityErrors.InvitationInvalid, IdentityErrors.InvitationUsed, IdentityErrors.InvitationExpired, IdentityErrors.CustomerAlreadyAssociated, IdentityErrors.ProspectConflict,
                IdentityErrors.ConsentRequired, IdentityErrors.ConsentVersionNotInForce)
            .WithSummary("The signed-in customer accepts an invitation link and the documents in force, and becomes associated with the inviting partner");
        me.MapGet("/association", GetAssociationAsync)
            .WithName("GetMyAssociation")
            .WithSummary("The signed-in customer's current partner and association type");
        me.MapGet("/authorisations", ListAuthorisationsAsync)
            .WithName("ListMyAuthorisationRequests")
            .WithSummary("Authorisation requests partners sent to the signed-in customer");
        me.MapPost("/authorisations/{authorisationId:guid}/approve", (Guid authorisationId, CurrentCaller caller, Authorisations authorisations, CancellationToken ct) =>
                DecideAsync(authorisationId, true, caller, authorisations, ct))
            .WithName("ApproveAuthorisationRequest")
            .ProducesErrorCodes()
            .WithSummary("Grant a pending authorisation request");
        me.MapPost("/authorisations/{authorisationId:guid}/refuse", (Guid authorisationId, CurrentCaller caller, Authorisations authorisations, CancellationToken ct) =>
                DecideAsync(authorisationId, false, caller, authorisations, ct))
            .WithName("RefuseAuthorisationRequest")
            .ProducesErrorCodes()
            .WithSummary("Refuse a pending authorisation request");
        me.MapPost("/disassociation", DisassociateAsync)
            .WithName("LeavePartner")
            .ProducesErrorCodes(IdentityErrors.DisassociationCooldown, IdentityErrors.DisassociationBlocked)
            .WithSummary("The signed-in customer ends its association (once every 3 months, not while blockers exist)");
        return app;
    }

    public static async Task<Created<CustomerAccountView>> RegisterAsync(RegisterCustomerRequest request, CustomerRegistration registration, CancellationToken cancellationToken) =>
        CustomerAccountView.Created(await registration.SignUpAsync(request.ToSignUp(), cancellationToken));

    public static async Task<Ok<MyAssociationView>> AcceptInvitationAsync(
        AcceptInvitationRequest request, CurrentCaller caller, HttpContext http, CustomerInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok(MyAssociationView.From(await invitations.AcceptAsync(
            caller.GetCustomerGuid(), caller.GetUserGuid(), request.Token, ConsentApi.Acceptance(request.AcceptedDocuments, http), cancellationToken)));

    public static async Task<Ok<InvitationPreviewView>> PreviewInvitationAsync(
        string? token, HttpResponse response, CustomerInvitations invitations, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.NoStore(response, InvitationPreviewView.From(await invitations.PreviewAsync(token, cancellationToken), timeProvider.Now()));

    public static async Task<Ok<MyAssociationView>> GetAssociationAsync(CurrentCaller caller, Associations associations, CancellationToken cancellationToken) =>
        TypedResults.Ok(MyAssociationView.From(await associations.OpenForCustomerAsync(caller.GetCustomerGuid(), cancellationToken)));

    public static async Task<Ok<PagedResponse<AuthorisationView>>> ListAuthorisationsAsync(
        PageRequest page, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken) =>
        Views.Page("authorisations", await authorisations.ListForCustomerAsync(caller.GetCustomerGuid(), page, cancellationToken), AuthorisationView.From);

    public static async Task<Ok<AuthorisationView>> DecideAsync(
        Guid authorisationId, bool grant, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken) =>
        TypedResults.Ok(AuthorisationView.From(await authorisations.DecideAsync(caller.GetCustomerGuid(), authorisationId, grant, cancellationToken)));

    public static Task<NoContent> DisassociateAsync(CurrentCaller caller, Disassociations disassociations, CancellationToken cancellationToken) =>
        disassociations.DisassociateByCustomerAsync(caller.GetCustomerGuid(), caller.GetUserGuid(), cancellationToken).ThenNoContent();
}
