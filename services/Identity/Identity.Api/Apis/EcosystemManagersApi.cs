using Identity.Api.Application;
using Identity.Api.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Apis;

/// <summary>The partner's ecosystem manager (生态经理, PDM): vendor staff assign, replace and remove; the partner sees the current one.</summary>
public static class EcosystemManagersApi
{
    public static IEndpointRouteBuilder MapEcosystemManagersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/partners/profile/ecosystem-manager", GetCurrentAsync)
            .WithTags("Partner profile")
            .WithName("GetEcosystemManager")
            .WithSummary("The partner's ecosystem manager (PDM) and how to reach them; null when none is assigned")
            .RequirePartner();

        var vendor = app.MapGroup("/v2/vendor/partners/{partnerId:guid}").WithTags("Vendor: partners");
        vendor.MapPut("/ecosystem-manager", AssignAsync)
            .WithName("VendorAssignEcosystemManager")
            .WithSummary("Make a pdm or ecosystem_manager staff account the partner's ecosystem manager, replacing the current one")
            .RequireVendorRole(VendorPartnersApi.PartnerDevelopment)
            .ProducesErrorCodes(IdentityErrors.NotAnEcosystemManager, IdentityErrors.InvalidMobile);
        vendor.MapDelete("/ecosystem-manager", RemoveAsync)
            .WithName("VendorRemoveEcosystemManager")
            .WithSummary("Remove the partner's ecosystem manager (kept in the history)")
            .ProducesErrorCodes()
            .RequireVendorRole(VendorPartnersApi.PartnerDevelopment);
        vendor.MapGet("/ecosystem-managers", HistoryAsync)
            .WithName("VendorListEcosystemManagers")
            .WithSummary("Every ecosystem manager the partner has had, newest first")
            .RequireVendorRole(VendorPartnersApi.AnyStaff);
        return app;
    }

    public static async Task<Ok<CurrentEcosystemManagerView>> GetCurrentAsync(CurrentCaller caller, EcosystemManagers managers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CurrentEcosystemManagerView(PartnerEcosystemManagerView.FromOrNull(await managers.CurrentAsync(caller.GetPartnerGuid(), cancellationToken))));

    public static async Task<Ok<EcosystemManagerAssignmentView>> AssignAsync(
        Guid partnerId, AssignEcosystemManagerRequest request, CurrentCaller caller, EcosystemManagers managers, CancellationToken cancellationToken) =>
        TypedResults.Ok(EcosystemManagerAssignmentView.From(await managers.AssignAsync(partnerId, request.ToAssignment(), caller.GetUserGuid(), cancellationToken)));

    public static async Task<NoContent> RemoveAsync(Guid partnerId, CurrentCaller caller, EcosystemManagers managers, CancellationToken cancellationToken)
    {
        await managers.RemoveAsync(partnerId, caller.GetUserGuid(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PagedResponse<EcosystemManagerAssignmentView>>> HistoryAsync(
        Guid partnerId, PageRequest page, EcosystemManagers managers, CancellationToken cancellationToken) =>
        Views.Page("ecosystem_managers", await managers.HistoryAsync(partnerId, page, cancellationToken), EcosystemManagerAssignmentView.From);
}

public sealed record AssignEcosystemManagerRequest(Guid? StaffAccountId = null, string? DisplayName = null, string? Email = null, string? MobilePhone = null)
{
    public EcosystemManagers.Assignment ToAssignment() => new(StaffAccountId, DisplayName, Email, MobilePhone);
}

/// <summary>The partner's view: whom to contact (the manager's own work contact details, not masked).</summary>
public sealed record PartnerEcosystemManagerView(string DisplayName, string Email, string? MobilePhone, DateTimeOffset AssignedAt)
{
    public static PartnerEcosystemManagerView? FromOrNull(PartnerEcosystemManager? m) =>
        m is null ? null : new(m.DisplayName, m.Email, m.MobilePhone, m.AssignedAt);
}

public sealed record CurrentEcosystemManagerView(PartnerEcosystemManagerView? EcosystemManager);

/// <summary>One assignment as vendor staff see it.</summary>
public sealed record EcosystemManagerAssignmentView(
    Guid AssignmentId,
    Guid PartnerId,
    Guid StaffAccountId,
    string DisplayName,
    string Email,
    string? MobilePhone,
    DateTimeOffset AssignedAt,
    Guid AssignedBy,
    DateTimeOffset? EndedAt,
    Guid? EndedBy)
{
    public static EcosystemManagerAssignmentView From(PartnerEcosystemManager m) =>
        new(m.Id, m.PartnerId, m.StaffAccountId, m.DisplayName, m.Email, m.MobilePhone, m.AssignedAt, m.AssignedBy, m.EndedAt, m.EndedBy);
}
