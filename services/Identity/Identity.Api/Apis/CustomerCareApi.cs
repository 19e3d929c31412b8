using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
            .WithSummary("Ask the customer to authorise ordering on its behalf or sharing its data with the vendor")
            .RequirePermission(PermissionItems.CustomersManage)
            .WithIdempotency(required: false);
        group.MapGet("/{customerId:guid}/authorisations", ListAuthorisationsAsync)
            .WithName("ListCustomerAuthorisations")
            .WithSummary("The partner's authorisation requests to one customer, newest first");
        group.MapPost("/{customerId:guid}/disassociation", DisassociateAsync)
            .WithName("DisassociateCustomer")
            .WithSummary("End the association (once per customer every 3 months, not while blockers exist)")
            .RequirePermission(PermissionItems.CustomersManage);
        group.MapGet("/{customerId:guid}/capabilities", CapabilitiesAsync)
            .WithName("GetCustomerCapabilities")
            .WithSummary("What the caller may do with the customer now, with the reasons it may not");
        group.MapPut("/{customerId:guid}/account-manager", AssignAccountManagerAsync)
            .WithName("AssignAccountManager")
            .WithSummary("Make one of the partner's members the customer's responsible owner")
            .RequirePermission(PermissionItems.CustomersManage);
        group.MapGet("/warnings", ListWarningsAsync)
            .WithName("ListCustomerWarnings")
            .WithSummary("Warnings about the partner's customers (low balance, arrears, resources expiring)");
        group.MapPost("/warnings/{warningId:guid}/close", CloseWarningAsync)
            .WithName("CloseCustomerWarning")
            .WithSummary("Close a warning with a note; only the customer's responsible owner may");
        return app;
    }

    public static async Task<Created<AuthorisationView>> RequestAuthorisationAsync(
        Guid customerId, RequestAuthorisationRequest request, CurrentCaller caller, Authorisations authorisations, CancellationToken cancellationToken)
    {
        var purpose = request.Purpose ?? throw ApiException.InvalidField("purpose", "purpose is order_on_behalf or share_with_vendor.");
        var created = await authorisations.RequestAsync(caller.RequirePartnerGuid(), caller.RequireUserGuid(), customerId, purpose, cancellationToken);
        return TypedResults.Created($"/v2/partners/sub-customers/{customerId}/authorisations", AuthorisationView.From(created));
    }

    public static async Task<Ok<PagedResponse<AuthorisationView>>> ListAuthorisationsAsync(
        Guid customerId, PageRequest page, CurrentCaller caller, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        await db.OwnedAssociationAsync(partnerId, customerId, cancellationToken);
        var query = db.AuthorisationRequests.AsNoTracking().Where(r => r.CustomerId == customerId && r.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(r => r.RequestedAt).ThenBy(r => r.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<AuthorisationView>("authorisations", total, [.. items.Select(AuthorisationView.From)]));
    }

    public static async Task<NoContent> DisassociateAsync(
        Guid customerId, CurrentCaller caller, IdentityDbContext db, Disassociations disassociations, CancellationToken cancellationToken)
    {
        var association = await db.OwnedAssociationAsync(caller.RequirePartnerGuid(), customerId, cancellationToken);
        await disassociations.DisassociateAsync(association, DisassociationRequester.Partner, caller.RequireUserGuid(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<CapabilitiesView>> CapabilitiesAsync(
        Guid customerId,
        CurrentCaller caller,
        IdentityDbContext db,
        Disassociations disassociations,
        AccountManagers accountManagers,
        CancellationToken cancellationToken)
    {
        var association = await db.OwnedAssociationAsync(caller.RequirePartnerGuid(), customerId, cancellationToken);
        var assessment = await disassociations.AssessAsync(customerId, cancellationToken);
        var pending = await db.AuthorisationRequests.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.PartnerId == association.PartnerId && r.Status == AuthorisationStatus.Pending)
            .Select(r => r.Purpose).ToListAsync(cancellationToken);
        var manage = caller.HasPermission(PermissionItems.CustomersManage);
        return TypedResults.Ok(new CapabilitiesView(
            CanDisassociate: manage && assessment.Allowed,
            DisassociationBlockers: assessment.Blockers,
            CooldownEndsAt: assessment.CooldownEndsAt,
            CanRequestOrderAuthorisation: manage && association.Type == AssociationType.Reseller && !pending.Contains(AuthorisationPurpose.OrderOnBehalf),
            CanRequestShareAuthorisation: manage && !pending.Contains(AuthorisationPurpose.ShareWithVendor),
            CanAssignAccountManager: manage,
            CanHandleWarnings: await accountManagers.IsResponsibleOwnerAsync(association, caller.RequireUserGuid(), cancellationToken)));
    }

    public static async Task<Ok<CustomerInfo>> AssignAccountManagerAsync(
        Guid customerId, AssignAccountManagerRequest request, CurrentCaller caller, AccountManagers accountManagers, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var memberId = request.MemberId ?? throw ApiException.InvalidField("member_id", "member_id is required.");
        var association = await accountManagers.AssignAsync(caller.RequirePartnerGuid(), customerId, memberId, cancellationToken);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customerId, cancellationToken);
        return TypedResults.Ok(CustomerInfo.From(customer, association));
    }

    public static async Task<Ok<PagedResponse<WarningView>>> ListWarningsAsync(
        PageRequest page, CurrentCaller caller, IdentityDbContext db, string? status, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var query = db.CustomerWarnings.AsNoTracking().Where(w => w.PartnerId == partnerId);
        if (SnakeCaseEnum.ParseOptional<CustomerWarningStatus>(status, "status") is { } wanted)
        {
            query = query.Where(w => w.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(w => w.RaisedAt).ThenBy(w => w.Id).Page(page).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<WarningView>("warnings", total, [.. items.Select(WarningView.From)]));
    }

    public static async Task<Ok<WarningView>> CloseWarningAsync(
        Guid warningId, CloseWarningRequest request, CurrentCaller caller, CustomerWarnings warnings, CancellationToken cancellationToken)
    {
        var note = Rules.Clean(request.Note);
        if (note is not { Length: <= 500 })
        {
            throw ApiException.InvalidField("note", "note is required, at most 500 characters.");
        }

        return TypedResults.Ok(WarningView.From(await warnings.CloseAsync(caller.RequirePartnerGuid(), caller.RequireUserGuid(), warningId, note, cancellationToken)));
    }

    public sealed record RequestAuthorisationRequest(AuthorisationPurpose? Purpose = null);

    public sealed record AssignAccountManagerRequest(Guid? MemberId = null);

    public sealed record CloseWarningRequest(string? Note = null);

    /// <summary>What the caller may do with the customer now; <c>cooldown_ends_at</c> is set while the 3-month cooldown runs.</summary>
    public sealed record CapabilitiesView(
        bool CanDisassociate,
        IReadOnlyList<string> DisassociationBlockers,
        DateTimeOffset? CooldownEndsAt,
        bool CanRequestOrderAuthorisation,
        bool CanRequestShareAuthorisation,
        bool CanAssignAccountManager,
        bool CanHandleWarnings);
}

public sealed record AuthorisationView(
    Guid AuthorisationId, Guid CustomerId, Guid PartnerId, AuthorisationPurpose Purpose, AuthorisationStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt)
{
    public static AuthorisationView From(AuthorisationRequest r) => new(r.Id, r.CustomerId, r.PartnerId, r.Purpose, r.Status, r.RequestedAt, r.DecidedAt);
}

public sealed record WarningView(
    Guid WarningId, Guid CustomerId, CustomerWarningKind Kind, CustomerWarningStatus Status, DateTimeOffset RaisedAt, DateTimeOffset RefreshedAt,
    DateTimeOffset? ClosedAt, Guid? ClosedBy, string? Note)
{
    public static WarningView From(CustomerWarning w) => new(w.Id, w.CustomerId, w.Kind, w.Status, w.RaisedAt, w.RefreshedAt, w.ClosedAt, w.ClosedBy, w.Note);
}
