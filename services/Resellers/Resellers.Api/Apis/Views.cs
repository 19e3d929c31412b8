using Microsoft.EntityFrameworkCore;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Apis;

/// <summary>A link as the API shows it. <c>state</c>: applied, vendor_approved, invited, active, rejected, suspended, revoked.</summary>
public sealed record LinkView(
    Guid LinkId,
    Guid DistributorPartnerId,
    string? DistributorName,
    Guid ResellerPartnerId,
    string? ResellerName,
    string State,
    string Origin,
    DateTimeOffset CreatedAt,
    DateTimeOffset? InvitationExpiresAt,
    DateTimeOffset? VendorReviewedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? EndedAt,
    string? Reason,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt,
    DateTimeOffset UpdatedAt);

internal static class Views
{
    public static async Task<Dictionary<Guid, string>> PartnerNamesAsync(
        this ResellersDbContext db, IEnumerable<Guid> partnerIds, CancellationToken cancellationToken)
    {
        var ids = partnerIds.Distinct().ToList();
        return await db.KnownPartners.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.CompanyName, cancellationToken);
    }

    public static async Task<LinkView> ToViewAsync(this ResellersDbContext db, ResellerLink link, CancellationToken cancellationToken)
    {
        var names = await db.PartnerNamesAsync([link.DistributorPartnerId, link.ResellerPartnerId], cancellationToken);
        return link.ToView(names);
    }

    public static LinkView ToView(this ResellerLink link, IReadOnlyDictionary<Guid, string> names) => new(
        link.Id,
        link.DistributorPartnerId,
        names.GetValueOrDefault(link.DistributorPartnerId),
        link.ResellerPartnerId,
        names.GetValueOrDefault(link.ResellerPartnerId),
        Names.Snake(link.State),
        Names.Snake(link.Origin),
        link.CreatedAt,
        link.InvitationExpiresAt,
        link.VendorReviewedAt,
        link.ActivatedAt,
        link.EndedAt,
        link.Reason,
        link.AccountManagerMemberId,
        link.AccountManagerAssignedAt,
        link.UpdatedAt);
}
