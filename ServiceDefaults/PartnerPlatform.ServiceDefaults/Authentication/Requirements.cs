using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>The caller holds the permission item (403 CBC.0155 otherwise).</summary>
public sealed class PermissionRequirement(string permissionItem) : AuthorizationHandler<PermissionRequirement>, IAuthorizationRequirement
{
    public string PermissionItem { get; } = permissionItem;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (CurrentCaller.FromPrincipal(context.User).HasPermission(requirement.PermissionItem))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The caller's partner is in one of the programmes (403 CBC.0151 otherwise).</summary>
public sealed class ProgrammeRequirement(IReadOnlyList<string> programmes) : AuthorizationHandler<ProgrammeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Programmes { get; } = programmes;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ProgrammeRequirement requirement)
    {
        var caller = CurrentCaller.FromPrincipal(context.User);
        if (caller.PartnerId is not null && requirement.Programmes.Any(caller.InProgramme))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The caller is vendor staff with one of the roles (403 CBC.0151 otherwise).</summary>
public sealed class VendorRoleRequirement(IReadOnlyList<string> roles) : AuthorizationHandler<VendorRoleRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Roles { get; } = roles;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, VendorRoleRequirement requirement)
    {
        if (CurrentCaller.FromPrincipal(context.User).VendorRole is { } role && requirement.Roles.Contains(role, StringComparer.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The caller acts for a partner (403 CBC.0151 otherwise).</summary>
public sealed class PartnerRequirement : AuthorizationHandler<PartnerRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PartnerRequirement requirement)
    {
        if (CurrentCaller.FromPrincipal(context.User).PartnerId is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Per-endpoint authorization: <c>.RequirePermission("coupons.issue")</c>, <c>.RequireProgramme("distributor")</c>…</summary>
public static class AuthorizationEndpointExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permissionItem)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCaller(new PermissionRequirement(permissionItem));

    /// <summary>The caller's partner is in at least one of <paramref name="programmes"/>.</summary>
    public static TBuilder RequireProgramme<TBuilder>(this TBuilder builder, params string[] programmes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCaller(new ProgrammeRequirement(programmes));

    /// <summary>The caller is vendor staff holding one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireVendorRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCaller(new VendorRoleRequirement(roles));

    public static TBuilder RequirePartner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCaller(new PartnerRequirement());

    private static TBuilder RequireCaller<TBuilder>(this TBuilder builder, IAuthorizationRequirement requirement)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(PlatformAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(requirement));
}
