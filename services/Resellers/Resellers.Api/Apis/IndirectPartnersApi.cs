using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Data;
using Resellers.Api.Domain;
using Resellers.Api.Infrastructure;

namespace Resellers.Api.Apis;

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

/// <summary>A reseller as its distributor sees it; <c>status</c>: <c>active</c> or <c>suspended</c>.</summary>
public sealed record IndirectPartnerView(
    Guid IndirectPartnerId,
    string? AccountName,
    DateTimeOffset? AssociatedOn,
    string Status,
    Guid LinkId,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt);

public sealed record AssignAccountManagerRequest(Guid MemberId);

public sealed record AccountManagerAssignmentView(Guid MemberId, Guid AssignedBy, DateTimeOffset AssignedAt, DateTimeOffset? EndedAt);

/// <summary>What a reseller sees of its distributor.</summary>
public sealed record MyDistributorView(
    Guid LinkId,
    Guid DistributorPartnerId,
    string? DistributorName,
    string State,
    DateTimeOffset? AssociatedOn,
    Guid? AccountManagerId,
    DateTimeOffset? AccountManagerAssignedAt);

/// <summary>A distributor's resellers, their account managers, and the reseller's view of its distributor.</summary>
public static class IndirectPartnersApi
{
    public const string Prefix = "/v2/partners/indirect-partners";
    public const int MaxAccountNameLength = 64;

    private static readonly LinkState[] Linked = [LinkState.Active, LinkState.Suspended];

    public static IEndpointRouteBuilder MapIndirectPartnersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("IndirectPartners").RequireProgramme(KnownProgramme.Distributor);

        api.MapPost("/query", QueryAsync)
            .WithName("QueryIndirectPartners")
            .WithSummary("A distributor's cloud resellers (active or suspended), filtered and paged")
            .Produces<PagedResponse<IndirectPartnerView>>();

        api.MapGet("/{indirect_partner_id:guid}", GetAsync)
            .WithName("GetIndirectPartner")
            .WithSummary("One of the distributor's resellers, with the link's ETag");

        api.MapPut("/{indirect_partner_id:guid}/account-manager", AssignAccountManagerAsync)
            .WithName("AssignResellerAccountManager")
            .WithSummary("Make one of the distributor's members the reseller's account manager (If-Match: the reseller's ETag)");

        api.MapGet("/{indirect_partner_id:guid}/account-managers", AccountManagerHistoryAsync)
            .WithName("ListResellerAccountManagers")
            .WithSummary("Every account manager the reseller had under this distributor, newest first");

        app.MapGet(LinksApi.Prefix + "/my-distributor", MyDistributorAsync)
            .WithTags("IndirectPartners")
            .WithName("GetMyDistributor")
            .WithSummary("A reseller's distributor and account manager")
            .RequirePartner();

        return app;
    }

    private static async Task<Ok<PagedResponse<IndirectPartnerView>>> QueryAsync(
        IndirectPartnerQuery request, CurrentCaller caller, ResellersDbContext db, CancellationToken ct)
    {
        var validation = new Validation();
        var accountName = validation.Text("account_name", request.AccountName, MaxAccountNameLength);
        if (request.AssociatedOnBegin is { } begin && request.AssociatedOnEnd is { } end && begin > end)
        {
            validation.Add("associated_on_end", "associated_on_end must not be before associated_on_begin.");
        }

        validation.ThrowIfAny();
        var page = PageRequest.Create(request.Offset, request.Limit);
        var distributor = caller.PartnerGuid();

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
        return TypedResults.Ok(new PagedResponse<IndirectPartnerView>(
            "indirect_partners", total, [.. items.Select(r => View(r.link, r.Name))]));
    }

    private static async Task<Ok<IndirectPartnerView>> GetAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, CurrentCaller caller, ResellersDbContext db, HttpContext http, CancellationToken ct)
    {
        var link = await FindLinkAsync(db, caller.PartnerGuid(), resellerId, tracking: false, ct);
        var names = await db.PartnerNamesAsync([resellerId], ct);
        http.Response.SetETag(ETags.FromVersion(link.Version));
        return TypedResults.Ok(View(link, names.GetValueOrDefault(resellerId)));
    }

    private static async Task<Ok<IndirectPartnerView>> AssignAccountManagerAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, AssignAccountManagerRequest request, CurrentCaller caller,
        ResellersDbContext db, IOutbox outbox, TimeProvider timeProvider, HttpContext http, CancellationToken ct)
    {
        Validation.RequireId("member_id", request.MemberId);
        var distributor = caller.PartnerGuid();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var link = await FindLinkAsync(db, distributor, resellerId, tracking: true, ct);
        http.Request.EnsureIfMatch(ETags.FromVersion(link.Version));

        if (link.AccountManagerMemberId != request.MemberId)
        {
            var previous = link.AssignAccountManager(request.MemberId, caller.UserGuid(), now);
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
                AssignedBy = caller.UserGuid(),
                AssignedAt = now,
            });
            outbox.Add(new ResellerAccountManagerAssigned(link.Id, distributor, resellerId, request.MemberId, previous, now));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        var names = await db.PartnerNamesAsync([resellerId], ct);
        http.Response.SetETag(ETags.FromVersion(link.Version));
        return TypedResults.Ok(View(link, names.GetValueOrDefault(resellerId)));
    }

    private static async Task<Ok<AccountManagerAssignmentView[]>> AccountManagerHistoryAsync(
        [FromRoute(Name = "indirect_partner_id")] Guid resellerId, CurrentCaller caller, ResellersDbContext db, CancellationToken ct)
    {
        var link = await FindLinkAsync(db, caller.PartnerGuid(), resellerId, tracking: false, ct);
        var history = await db.AccountManagerAssignments.AsNoTracking()
            .Where(a => a.LinkId == link.Id)
            .OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id)
            .Select(a => new AccountManagerAssignmentView(a.MemberId, a.AssignedBy, a.AssignedAt, a.EndedAt))
            .ToArrayAsync(ct);
        return TypedResults.Ok(history);
    }

    private static async Task<Ok<MyDistributorView>> MyDistributorAsync(CurrentCaller caller, ResellersDbContext db, CancellationToken ct)
    {
        var reseller = caller.PartnerGuid();
        var link = await db.Links.AsNoTracking()
            .Where(l => l.ResellerPartnerId == reseller && Linked.Contains(l.State))
            .SingleOrDefaultAsync(ct)
            ?? throw ApiException.NotFound("The caller has no distributor.");
        var names = await db.PartnerNamesAsync([link.DistributorPartnerId], ct);
        return TypedResults.Ok(new MyDistributorView(
            link.Id,
            link.DistributorPartnerId,
            names.GetValueOrDefault(link.DistributorPartnerId),
            Names.Snake(link.State),
            link.ActivatedAt,
            link.AccountManagerMemberId,
            link.AccountManagerAssignedAt));
    }

    /// <summary>The distributor's active or suspended link to the reseller, else 404 CBC.0156.</summary>
    private static async Task<ResellerLink> FindLinkAsync(ResellersDbContext db, Guid distributor, Guid reseller, bool tracking, CancellationToken ct)
    {
        var links = tracking ? db.Links : db.Links.AsNoTracking();
        return await links.SingleOrDefaultAsync(
                l => l.DistributorPartnerId == distributor && l.ResellerPartnerId == reseller && Linked.Contains(l.State), ct)
            ?? throw ApiException.NotFound();
    }

    private static IndirectPartnerView View(ResellerLink link, string? name) => new(
        link.ResellerPartnerId,
        name,
        link.ActivatedAt,
        Names.Snake(link.State),
        link.Id,
        link.AccountManagerMemberId,
        link.AccountManagerAssignedAt);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
