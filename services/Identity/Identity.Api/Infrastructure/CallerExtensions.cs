using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Infrastructure;

internal static class CallerExtensions
{
    /// <summary>The caller's partner id (403 CBC.0151 when the caller does not act for a partner).</summary>
    public static Guid PartnerGuid(this CurrentCaller caller) => Guid.Parse(caller.RequirePartnerId());

    public static Guid UserGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.UserId, out var id) ? id : throw new ApiException(ErrorCodes.Unauthenticated);

    /// <summary>The caller's customer id (403 CBC.0151 for callers that are not customers).</summary>
    public static Guid CustomerGuid(this CurrentCaller caller) =>
        Guid.TryParse(caller.CustomerId, out var id) ? id : throw new ApiException(ErrorCodes.AccessDenied, "This operation is for customers only.");

    /// <summary>A partner with its programmes and tags, tracked for changes; 404 CBC.0156 when absent.</summary>
    public static async Task<Partner> LoadPartnerAsync(this IdentityDbContext db, Guid partnerId, CancellationToken cancellationToken) =>
        await db.Partners.Include(p => p.Programmes).Include(p => p.CapabilityTags).AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();
}
