using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>Customer pre-registration (报备) and the invitations that turn prospects into associated customers.</summary>
public static class RegistrationsApi
{
    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v2/partners/sub-customers").WithTags("Customer association").RequirePartner();

        group.MapPost("/registrations", RegisterAsync)
            .WithName("RegisterProspect")
            .ProducesErrorCodes(IdentityErrors.InvalidMobile, IdentityErrors.ProspectLimitReached, IdentityErrors.ProspectConflict)
            .WithSummary("Pre-register a prospective customer: protected against other partners for 15 days, at most 100 pending per partner")
            .RequirePermission(PermissionItems.CustomersAssociate)
            .WithIdempotency(required: false);
        group.MapGet("/registrations", ListAsync)
            .WithName("ListProspects")
            .WithSummary("The partner's pre-registered customers, newest first, personal data masked");
        group.MapGet("/registrations/{registrationId:guid}", GetAsync)
            .WithName("GetProspect")
            .WithSummary("One pre-registered customer with its ETag");
        group.MapPut("/registrations/{registrationId:guid}/email", AddEmailAsync)
            .WithName("AddProspectEmail")
            .ProducesErrorCodes(IdentityErrors.ProspectConflict)
            .WithSummary("Add the email an online invitation is sent to (If-Match required)")
            .RequirePermission(PermissionItems.CustomersAssociate)
            .RequireIfMatch();
        group.MapPost("/registrations/{registrationId:guid}/invitations", InviteAsync)
            .WithName("SendOnlineInvitation")
            .ProducesErrorCodes(IdentityErrors.ProspectHasNoEmail)
            .WithSummary("Email the pre-registered customer an invitation link valid for 7 days")
            .RequirePermission(PermissionItems.CustomersAssociate);
        group.MapPost("/offline-invitations", CreateOfflineAsync)
            .WithName("CreateOfflineInvitation")
            .ProducesErrorCodes()
            .WithSummary("An invitation link (and QR code) that does not expire and tags the inviting member")
            .RequirePermission(PermissionItems.CustomersAssociate)
            .WithIdempotency(required: false);
        group.MapGet("/offline-invitations/{invitationId:guid}/qrcode", QrCodeAsync)
            .WithName("GetOfflineInvitationQrCode")
            .WithSummary("The offline invitation link as a PNG QR code")
            .Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }

    public static async Task<Created<ProspectView>> RegisterAsync(
        RegisterProspectRequest request, CurrentCaller caller, Prospects prospects, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        ProspectView.Created(await prospects.RegisterAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), request.ToNewProspect(), cancellationToken), timeProvider.Now());

    public static async Task<Ok<PagedResponse<ProspectView>>> ListAsync(
        PageRequest page, CurrentCaller caller, Prospects prospects, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.Page("registrations", await prospects.ListAsync(caller.GetPartnerGuid(), page, cancellationToken), p => ProspectView.From(p, timeProvider.Now()));

    public static async Task<Ok<ProspectView>> GetAsync(
        Guid registrationId, CurrentCaller caller, Prospects prospects, HttpResponse response, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.WithETag(response, await prospects.GetAsync(caller.GetPartnerGuid(), registrationId, cancellationToken), p => p.Version, p => ProspectView.From(p, timeProvider.Now()));

    public static async Task<Ok<ProspectView>> AddEmailAsync(
        Guid registrationId, AddEmailRequest request, CurrentCaller caller, Prospects prospects, HttpContext http, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Views.WithETag(
            http.Response,
            await prospects.AddEmailAsync(caller.GetPartnerGuid(), registrationId, http.Request.RequireIfMatchVersion(), request.Email, cancellationToken),
            p => p.Version,
            p => ProspectView.From(p, timeProvider.Now()));

    public static async Task<Created<InvitationView>> InviteAsync(
        Guid registrationId, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken) =>
        InvitationView.CreatedOnline(await invitations.SendOnlineAsync(caller.GetPartnerGuid(), caller.GetUserGuid(), registrationId, cancellationToken));

    public static async Task<Created<InvitationView>> CreateOfflineAsync(
        CreateOfflineInvitationRequest request, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken) =>
        InvitationView.CreatedOffline(await invitations.CreateOfflineAsync(
            caller.GetPartnerGuid(), caller.GetUserGuid(), request.AssociationType ?? AssociationType.Referral, cancellationToken), invitations.Link);

    public static async Task<FileContentHttpResult> QrCodeAsync(
        Guid invitationId, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.File(await invitations.QrCodeAsync(caller.GetPartnerGuid(), invitationId, cancellationToken), "image/png");
}
