using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("A customer signs up for a cloud account of its own (not associated with any partner)")
            .AllowAnonymous()
            .WithRateLimit();

        app.MapGet("/v2/partners/sub-customers/invitations/preview", PreviewInvitationAsync)
            .WithTags("Customer self-service")
            .WithName("PreviewCustomerInvitation")
            .WithSummary("Before signing in: the inviting partner, association type, expiry and status of an association invitation link (read only)")
            .AllowAnonymous()
            .WithRateLimit();

        var me = app.MapGroup("/v2/partners/sub-customers/me").WithTags("Customer self-service");
        me.MapPost("/invitations/accept", AcceptInvitationAsync)
            .WithName("AcceptCustomerInvitation")
            .WithSummary("The signed-in customer accepts an invitation link and becomes associated with the inviting partner");
        me.MapGet("/association", GetAssociationAsync)
            .WithName("GetMyAssociation")
            .WithSummary("The signed-in customer's current partner and association type");
        me.MapGet("/authorisations", ListAuthorisationsAsync)
            .WithName("ListMyAuthorisationRequests")
            .WithSummary("Authorisation requests partners sent to the signed-in customer");
        me.MapPost("/authorisations/{authorisationId:guid}/approve", (Guid authorisationId, CurrentCaller caller, Authorisations authorisations, CancellationToken ct) =>
                DecideAsync(authorisationId, true, caller, authorisations, ct))
            .WithName("ApproveAuthorisationRequest")
            .WithSummary("Grant a pending authorisation request");
        me.MapPost("/authorisations/{authorisationId:guid}/refuse", (Guid authorisationId, CurrentCaller caller, Authorisations authorisations, CancellationToken ct) =>
                DecideAsync(authorisationId, false, caller, authorisations, ct))
            .WithName("RefuseAuthorisationRequest")
            .WithSummary("Refuse a pending authorisation request");
        me.MapPost("/disassociation", DisassociateAsync)
            .WithName("LeavePartner")
            .WithSummary("The signed-in customer ends its association (once every 3 months, not while blockers exist)");
        return app;
    }

    public static async Task<Created<CustomerAccountView>> RegisterAsync(
        RegisterCustomerRequest request, IdentityDbContext db, UserManager<Account> users, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var name = Rules.Clean(request.DomainName);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        if (email is not null && !Rules.IsValidEmail(email))
        {
            throw ApiException.InvalidField("email", "email must be a valid email address.");
        }

        if (!Rules.IsValidAccountName(name))
        {
            throw new ApiException(IdentityErrors.InvalidAccountName, null, new Dictionary<string, string[]> { ["domain_name"] = [IdentityErrors.InvalidAccountName.Message] });
        }

        if (!Rules.IsValidPassword(request.Password, name, null))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, new Dictionary<string, string[]> { ["password"] = [IdentityErrors.InvalidPassword.Message] });
        }

        if (email is not null && await db.Customers.AnyAsync(c => c.Email == email, cancellationToken))
        {
            throw new ApiException(IdentityErrors.EmailExists);
        }

        var now = timeProvider.Now();
        var customer = new Customer { Id = Guid.CreateVersion7(now), AccountName = name!, Email = email, CreatedAt = now };
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = name,
            Email = email,
            Kind = AccountKind.Customer,
            CustomerId = customer.Id,
            CreatedAt = now,
        };
        db.Customers.Add(customer);
        try
        {
            (await users.CreateAsync(account, request.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return TypedResults.Created("/v2/partners/sub-customers/me/association", new CustomerAccountView(customer.Id, customer.AccountName));
    }

    public static async Task<Ok<MyAssociationView>> AcceptInvitationAsync(
        AcceptInvitationRequest request, CurrentCaller caller, CustomerInvitations invitations, CancellationToken cancellationToken)
    {
        var token = Rules.Clean(request.Token) ?? throw ApiException.InvalidField("token", "token is required.");
        var association = await invitations.AcceptAsync(caller.RequireCustomerGuid(), token, cancellationToken);
        return TypedResults.Ok(MyAssociationView.From(association));
    }

    public static async Task<Ok<InvitationPreviewView>> PreviewInvitationAsync(
        string? token, HttpResponse response, CustomerInvitations invitations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var link = Rules.Clean(token) ?? throw ApiException.InvalidField("token", "token is required.");
        var (invitation, partnerName) = await invitations.PreviewAsync(link, cancellationToken);
        // The URL carries the link's secret and the answer changes once the link is used: no cache keeps it.
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(InvitationPreviewView.From(invitation, partnerName, timeProvider.Now()));
    }

    public static async Task<Ok<MyAssociationView>> GetAssociationAsync(CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(MyAssociationView.From(await db.OpenAssociationAsync(caller.RequireCustomerGuid(), cancellationToken)));

    public static async Task<Ok<PagedResponse<AuthorisationView>>> ListAuthorisationsAsync(
        PageRequest page, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var customerId = caller.RequireCustomerGuid();
        var query = db.AuthorisationRequests.AsNoTracking().Where(r => r.CustomerId == customerId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<AuthorisationView>("authorisations", total, [.. items.Select(AuthorisationView.From)]));
    }

    public static async Task<Ok<AuthorisationView>> DecideAsync(
        Guid authorisationId, bool grant, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken) =>
        TypedResults.Ok(AuthorisationView.From(await authorisations.DecideAsync(caller.RequireCustomerGuid(), authorisationId, grant, cancellationToken)));

    public static async Task<NoContent> DisassociateAsync(
        CurrentCaller caller, IdentityDbContext db, Disassociations disassociations, CancellationToken cancellationToken)
    {
        var association = await db.OpenAssociationAsync(caller.RequireCustomerGuid(), cancellationToken);
        await disassociations.DisassociateAsync(association, DisassociationRequester.Customer, caller.RequireUserGuid(), cancellationToken);
        return TypedResults.NoContent();
    }

    public sealed record RegisterCustomerRequest(string? DomainName = null, string? Password = null, string? Email = null);

    public sealed record CustomerAccountView(Guid DomainId, string DomainName);

    public sealed record AcceptInvitationRequest(string? Token = null);

    public sealed record MyAssociationView(Guid PartnerId, AssociationType AssociationType, DateTimeOffset AssociatedOn, Guid? InvitedBy)
    {
        public static MyAssociationView From(Association a) => new(a.PartnerId, a.Type, a.AssociatedAt, a.InvitedBy);
    }
}
