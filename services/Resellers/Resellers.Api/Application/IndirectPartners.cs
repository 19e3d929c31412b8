using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;

namespace Resellers.Api.Application;

/// <summary>
/// The seed's query: <c>account_name</c> fuzzy (≤ 64), <c>associated_on_begin</c>/<c>_end</c> (UTC,
/// inclusive begin, exclusive end), <c>indirect_partner_id</c>, <c>offset</c>, <c>limit</c>.
/// </summary>
public sealed record IndirectPartnerQuery(
    string? AccountName = null,
    DateTimeOffset? AssociatedOnBegin = null,
    DateTimeOffset? AssociatedOnEnd = null,
    Guid? IndirectPartnerId = null,
    int? Offset = null,
    int? Limit = null);

public sealed record AssignAccountManagerRequest(Guid MemberId);

/// <summary>A link with the company name of its other side (null when identity-api has not announced it).</summary>
public sealed record NamedLink(ResellerLink Link, string? Name);

/// <summary>A distributor's resellers, their account managers, and the reseller's view of its distributor.</summary>
public sealed class IndirectPartners(ResellersDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public const int MaxAccountNameLength = 64;

    private static readonly LinkState[] Linked = [LinkState.Active, LinkState.Suspended];

    /// <summary>The calling distributor's active and suspended resellers, newest link first.</summary>
    public async Task<(long Total, List<NamedLink> Items)> QueryAsync(CurrentCaller caller, IndirectPartnerQuery request, CancellationToken ct)
    {
        var validation = new FieldValidation();
        var accountName = validation.Text(request.AccountName, "account_name", MaxAccountNameLength);
        if (request.AssociatedOnBegin is { } begin && request.AssociatedOnEnd is { } end && begin > end)
        {
            validation.Add("associated_on_end", "associated_on_end must not be before associated_on_begin.");
        }

        validation.ThrowIfAny();
        var page = PageRequest.Create(request.Offset, request.Limit);
        var distributor = caller.GetPartnerGuid();

        var links = db.Links.AsNoTracking().Where(l => l.DistributorPartnerId == distributor && Linked.Contains(l.State));
        if (request.IndirectPartnerId is { } resellerId)
        {
            links = links.Where(l => l.ResellerPartnerId == resellerId);
        }

        if (request.AssociatedOnBegin is { } from)
        {
            links = links.Where(l => l.ActivatedAt >= from);
        }

        if (request.AssociatedOnEnd is { } to)
        {
            links = links.Where(l => l.ActivatedAt < to);
        }

        var rows = from link in links
                   join partner in db.KnownPartners on link.ResellerPartnerId equals partner.Id into partners
                   from partner in partners.DefaultIfEmpty()
                   select new { link, Name = partner == null ? null : partner.CompanyName };
        if (!string.IsNullOrEmpty(accountName))
        {
            var pattern = "%" + EscapeLike(accountName) + "%";
            rows = rows.Where(r => r.Name != null && EF.Functions.ILike(r.Name, pattern, "\\"));
        }

        var total = await rows.LongCountAsync(ct);
        var items = await rows.OrderByDescending(r => r.link.ActivatedAt).ThenBy(r => r.link.Id).Page(page).ToListAsync(ct);
        return (total, [.. items.Select(r => new NamedLink(r.link, r.Name))]);
    }

    public async Task<NamedLink> GetAsync(CurrentCaller caller, Guid resellerId, CancellationToken ct)
    {
        var link = await FindLinkAsync(caller.GetPartnerGuid(), resellerId, tracking: false, ct);
        return await NamedAsync(link, resellerId, ct);
    }

    /// <summary>Makes one of the distributor's members the reseller's account manager; publishes <c>ResellerAccountManagerAssigned</c> on a change.</summary>
    public async Task<NamedLink> AssignAccountManagerAsync(
        CurrentCaller caller, Guid resellerId, AssignAccountManagerRequest request, VersionCheck ifMatch, CancellationToken ct)
    {
        ResellerValidation.RequireId("member_id", request.MemberId);
        var distributor = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var link = await FindLinkAsync(distributor, resellerId, tracking: true, ct);
        ifMatch(link.Version);

        if (link.AccountManagerMemberId != request.MemberId)
        {
            var previous = link.AssignAccountManager(request.MemberId, caller.GetUserGuid(), now);
            await db.AccountManagerAssignments
                .Where(a => a.LinkId == link.Id && a.EndedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.EndedAt, now), ct);
            db.AccountManagerAssignments.Add(new AccountManagerAssignment
            {
                Id = Guid.CreateVersion7(now),
                LinkId = link.Id,
                DistributorPartnerId = distributor,
                ResellerPartnerId = resellerId,
                MemberId = request.MemberId,
                AssignedBy = caller.GetUserGuid(),
                AssignedAt = now,
            });
            outbox.Add(new ResellerAccountManagerAssigned(link.Id, distributor, resellerId, request.MemberId, previous, now));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return await NamedAsync(link, resellerId, ct);
    }

    /// <summary>Every account manager the reseller had under the calling distributor, newest first.</summary>
    public async Task<List<AccountManagerAssignment>> AccountManagerHistoryAsync(CurrentCaller caller, Guid resellerId, CancellationToken ct)
    {
        var link = await FindLinkAsync(caller.GetPartnerGuid(), resellerId, tracking: false, ct);
        return await db.AccountManagerAssignments.AsNoTracking()
            .Where(a => a.LinkId == link.Id)
            .OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id)
            .ToListAsync(ct);
    }

    /// <summary>The calling reseller's active or suspended link, named after its distributor; 404 when it has none.</summary>
    public async Task<NamedLink> MyDistributorAsync(CurrentCaller caller, CancellationToken ct)
    {
        var reseller = caller.GetPartnerGuid();
        var link = await db.Links.AsNoTracking()
            .Where(l => l.ResellerPartnerId == reseller && Linked.Contains(l.State))
            .SingleOrDefaultAsync(ct)
            ?? throw ApiException.NotFound("The caller has no distributor.");
        return await NamedAsync(link, link.DistributorPartnerId, ct);
    }

    private async Task<NamedLink> NamedAsync(ResellerLink link, Guid namedPartner, CancellationToken ct)
    {
        var names = await db.PartnerNamesAsync([namedPartner], ct);
        return new NamedLink(link, names.GetValueOrDefault(namedPartner));
    }

    /// <summary>The distributor's active or suspended link to the reseller, else 404 CBC.0156.</summary>
    private async Task<ResellerLink> FindLinkAsync(Guid distributor, Guid reseller, bool tracking, CancellationToken ct)
    {
        var links = tracking ? db.Links : db.Links.AsNoTracking();
        return await links.SingleOrDefaultAsync(
                l => l.DistributorPartnerId == distributor && l.ResellerPartnerId == reseller && Linked.Contains(l.State), ct)
            ?? throw ApiException.NotFound();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
