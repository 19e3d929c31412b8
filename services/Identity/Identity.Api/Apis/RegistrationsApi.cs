using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("Add the email an online invitation is sent to (If-Match required)")
            .RequirePermission(PermissionItems.CustomersAssociate)
            .RequireIfMatch();
        group.MapPost("/registrations/{registrationId:guid}/invitations", InviteAsync)
            .WithName("SendOnlineInvitation")
            .WithSummary("Email the pre-registered customer an invitation link valid for 7 days")
            .RequirePermission(PermissionItems.CustomersAssociate);
        group.MapPost("/offline-invitations", CreateOfflineAsync)
            .WithName("CreateOfflineInvitation")
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
        RegisterProspectRequest request, CurrentCaller caller, Prospects prospects, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var company = Rules.Clean(request.CompanyName);
        var contact = Rules.Clean(request.ContactName);
        var mobile = Rules.Clean(request.MobilePhone);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (company is not { Length: <= 200 })
        {
            errors["company_name"] = ["company_name is required, at most 200 characters."];
        }

        if (contact is not { Length: <= 100 })
        {
            errors["contact_name"] = ["contact_name is required, at most 100 characters."];
        }

        if (mobile is null && email is null)
        {
            errors["mobile_phone"] = ["A mobile_phone or an email is required."];
        }

        if (email is not null && !Rules.IsValidEmail(email))
        {
            errors["email"] = ["email must be a valid email address."];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }

        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw new ApiException(IdentityErrors.InvalidMobile, null, new Dictionary<string, string[]> { ["mobile_phone"] = [IdentityErrors.InvalidMobile.Message] });
        }

        var prospect = await prospects.RegisterAsync(
            caller.RequirePartnerGuid(),
            caller.RequireUserGuid(),
            new Prospects.NewProspect(company!, contact!, mobile, email, request.AssociationType ?? AssociationType.Referral),
            cancellationToken);
        return TypedResults.Created($"/v2/partners/sub-customers/registrations/{prospect.Id}", ProspectView.From(prospect, timeProvider.Now()));
    }

    public static async Task<Ok<PagedResponse<ProspectView>>> ListAsync(
        PageRequest page, CurrentCaller caller, IdentityDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var query = db.Prospects.AsNoTracking().Where(p => p.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var now = timeProvider.Now();
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<ProspectView>("registrations", total, [.. items.Select(p => ProspectView.From(p, now))]));
    }

    public static async Task<Ok<ProspectView>> GetAsync(
        Guid registrationId, CurrentCaller caller, IdentityDbContext db, HttpResponse response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var prospect = await db.Prospects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == registrationId && p.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        response.SetETag(ETags.FromVersion(prospect.Version));
        return TypedResults.Ok(ProspectView.From(prospect, timeProvider.Now()));
    }

    public static async Task<Ok<ProspectView>> AddEmailAsync(
        Guid registrationId, AddEmailRequest request, CurrentCaller caller, Prospects prospects, HttpContext http, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        if (!Rules.IsValidEmail(email))
        {
            throw ApiException.InvalidField("email", "email must be a valid email address.");
        }

        var prospect = await prospects.AddEmailAsync(caller.RequirePartnerGuid(), registrationId, http.Request.RequireIfMatchVersion(), email!, cancellationToken);
        http.Response.SetETag(ETags.FromVersion(prospect.Version));
        return TypedResults.Ok(ProspectView.From(prospect, timeProvider.Now()));
    }

    public static async Task<Created<InvitationView>> InviteAsync(
        Guid registrationId, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken)
    {
        var invitation = await invitations.SendOnlineAsync(caller.RequirePartnerGuid(), caller.RequireUserGuid(), registrationId, cancellationToken);
        return TypedResults.Created($"/v2/partners/sub-customers/registrations/{registrationId}/invitations/{invitation.Id}", InvitationView.From(invitation, link: null));
    }

    public static async Task<Created<InvitationView>> CreateOfflineAsync(
        CreateOfflineInvitationRequest request, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken)
    {
        var invitation = await invitations.CreateOfflineAsync(
            caller.RequirePartnerGuid(), caller.RequireUserGuid(), request.AssociationType ?? AssociationType.Referral, cancellationToken);
        return TypedResults.Created(
            $"/v2/partners/sub-customers/offline-invitations/{invitation.Id}/qrcode", InvitationView.From(invitation, invitations.Link(invitation)));
    }

    public static async Task<FileContentHttpResult> QrCodeAsync(
        Guid invitationId, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.File(await invitations.QrCodeAsync(caller.RequirePartnerGuid(), invitationId, cancellationToken), "image/png");

    public sealed record RegisterProspectRequest(
        string? CompanyName = null, string? ContactName = null, string? MobilePhone = null, string? Email = null, AssociationType? AssociationType = null);

    public sealed record AddEmailRequest(string? Email = null);

    public sealed record CreateOfflineInvitationRequest(AssociationType? AssociationType = null);
}

/// <summary>A pre-registered customer; personal data masked. <c>status</c> reads <c>expired</c> once the protection lapsed.</summary>
public sealed record ProspectView(
    Guid RegistrationId,
    string CompanyName,
    string? ContactName,
    string? MobilePhone,
    string? Email,
    AssociationType AssociationType,
    ProspectStatus Status,
    DateTimeOffset ProtectedUntil,
    Guid? CustomerId,
    DateTimeOffset CreatedAt)
{
    public static ProspectView From(Prospect prospect, DateTimeOffset now) => new(
        prospect.Id,
        prospect.CompanyName,
        PiiMask.Name(prospect.ContactName),
        PiiMask.Mobile(prospect.MobilePhone),
        PiiMask.Email(prospect.Email),
        prospect.AssociationType,
        prospect.EffectiveStatus(now),
        prospect.ProtectedUntil,
        prospect.CustomerId,
        prospect.CreatedAt);
}

/// <summary>An invitation; <c>link</c> is given for offline invitations only (online ones go to the customer's mailbox).</summary>
public sealed record InvitationView(
    Guid InvitationId, CustomerInvitationKind Kind, AssociationType AssociationType, Guid InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Link)
{
    public static InvitationView From(CustomerInvitation invitation, string? link) => new(
        invitation.Id, invitation.Kind, invitation.AssociationType, invitation.InvitedBy, invitation.CreatedAt, invitation.ExpiresAt, link);
}
