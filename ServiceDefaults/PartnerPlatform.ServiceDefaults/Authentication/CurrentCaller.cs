using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Who is calling, read from the token's claims (<see cref="PlatformClaims"/>). Take it as an
/// endpoint parameter (<c>(CurrentCaller caller) =&gt; …</c>) or call <c>httpContext.GetCurrentCaller()</c>.
/// </summary>
public sealed class CurrentCaller
{
    public static CurrentCaller Anonymous { get; } = new();

    public bool IsAuthenticated { get; init; }

    public string? UserId { get; init; }

    /// <summary>The tenant: scopes every read and write of a partner's data.</summary>
    public string? PartnerId { get; init; }

    /// <summary>e.g. <c>solution_provider</c>, <c>distributor</c>, <c>cloud_reseller</c>.</summary>
    public IReadOnlySet<string> Programmes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Permission items such as <c>coupons.issue</c>.</summary>
    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Set for the vendor's own staff only.</summary>
    public string? VendorRole { get; init; }

    public string? CustomerId { get; init; }

    public string? Region { get; init; }

    public bool HasPermission(string permissionItem) => Permissions.Contains(permissionItem);

    /// <summary>Vendor staff in one of <paramref name="roles"/> (a service's lists of who may do what).</summary>
    public bool HasVendorRole(IReadOnlyCollection<string> roles) => VendorRole is { } role && roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Who to record as having acted: the account, else the vendor role of a token without one.</summary>
    public string Actor => UserId ?? VendorRole ?? "unknown";

    public bool InProgramme(string programme) => Programmes.Contains(programme);

    /// <summary>The partner id, or 403 CBC.0151 when the caller does not act for a partner.</summary>
    public string RequirePartnerId() =>
        PartnerId ?? throw new ApiException(ErrorCodes.AccessDenied, "This operation is for partners only.");

    /// <summary>
    /// The tenant as an id: 403 CBC.0151 when the caller does not act for a partner or the token's
    /// <c>partner_id</c> is not an id (nothing of a partner can be reached with it).
    /// </summary>
    public Guid GetPartnerGuid() =>
        Guid.TryParse(RequirePartnerId(), out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, $"The token's {PlatformClaims.PartnerId} claim is not an id.");

    /// <summary>The acting account as an id: 401 CBC.0154 when the token's <c>user_id</c> is missing or not an id.</summary>
    public Guid GetUserGuid() =>
        Guid.TryParse(UserId, out var id)
            ? id
            : throw new ApiException(ErrorCodes.Unauthenticated, $"The token's {PlatformClaims.UserId} claim is missing or not an id.");

    /// <summary>
    /// The customer as an id: 403 CBC.0151 when the caller is not a customer or the token's
    /// <c>customer_id</c> is not an id.
    /// </summary>
    public Guid GetCustomerGuid() =>
        Guid.TryParse(CustomerId, out var id)
            ? id
            : throw new ApiException(ErrorCodes.AccessDenied, CustomerId is null ? "This operation is for customers only." : $"The token's {PlatformClaims.CustomerId} claim is not an id.");

    /// <summary>The partner id, or null when the caller does not act for a partner or the claim is not an id.</summary>
    public Guid? PartnerGuidOrNull => Guid.TryParse(PartnerId, out var id) ? id : null;

    /// <summary>The customer id, or null when the caller is not a customer or the claim is not an id.</summary>
    public Guid? CustomerGuidOrNull => Guid.TryParse(CustomerId, out var id) ? id : null;

    public static CurrentCaller FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = principal.FindFirst(PlatformClaims.UserId)?.Value,
            PartnerId = principal.FindFirst(PlatformClaims.PartnerId)?.Value,
            Programmes = principal.FindAll(PlatformClaims.Programme).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            Permissions = principal.FindAll(PlatformClaims.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            VendorRole = principal.FindFirst(PlatformClaims.VendorRole)?.Value,
            CustomerId = principal.FindFirst(PlatformClaims.CustomerId)?.Value,
            Region = principal.FindFirst(PlatformClaims.Region)?.Value,
        };
    }

    /// <summary>The claims of the caller, as an access token carries them (<see cref="AccessTokens"/>).</summary>
    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim>();
        void Add(string type, string? value)
        {
            if (value is not null)
            {
                claims.Add(new Claim(type, value));
            }
        }

        Add(PlatformClaims.UserId, UserId);
        Add(PlatformClaims.PartnerId, PartnerId);
        Add(PlatformClaims.VendorRole, VendorRole);
        Add(PlatformClaims.CustomerId, CustomerId);
        Add(PlatformClaims.Region, Region);
        claims.AddRange(Programmes.Order(StringComparer.Ordinal).Select(p => new Claim(PlatformClaims.Programme, p)));
        claims.AddRange(Permissions.Order(StringComparer.Ordinal).Select(p => new Claim(PlatformClaims.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, PlatformAuthentication.Scheme, PlatformClaims.UserId, PlatformClaims.VendorRole));
    }

    /// <summary>Minimal API binding.</summary>
    public static ValueTask<CurrentCaller?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<CurrentCaller?>(context.GetCurrentCaller());
}

public static class CurrentCallerExtensions
{
    public static CurrentCaller GetCurrentCaller(this HttpContext context) => CurrentCaller.FromPrincipal(context.User);
}
