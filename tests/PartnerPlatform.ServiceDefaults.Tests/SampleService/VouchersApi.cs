using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPlatform.ServiceDefaults.Tests.SampleService;

/// <summary>A service's endpoints written the way services write them, over an in-memory store.</summary>
internal static class VouchersApi
{
    public static readonly ErrorCode VoucherAlreadyRedeemed =
        new("CBC.99000101", 409, "Voucher already redeemed", "A redeemed voucher cannot be changed.");

    public static WebApplication MapVouchersApi(this WebApplication app)
    {
        var api = app.MapGroup("/v2/partners/vouchers").RequirePartner().WithTags("Vouchers");
        api.MapGet("", List).WithName("ListVouchers");
        api.MapGet("/{id}", Get).WithName("GetVoucher");
        api.MapPost("", Issue).WithName("IssueVoucher").RequirePermission("vouchers.issue").WithIdempotency().WithRateLimit();
        api.MapPut("/{id}", Update).WithName("UpdateVoucher").RequireIfMatch();
        return app;
    }

    private static Ok<PagedResponse<VoucherView>> List(PageRequest page, CurrentCaller caller, VoucherStore store)
    {
        var mine = store.Of(caller.RequirePartnerId()).OrderBy(v => v.IssuedAt).ToList();
        return TypedResults.Ok(new PagedResponse<VoucherView>("vouchers", mine.Count, [.. mine.Page(page).Select(View)]));
    }

    private static Ok<VoucherView> Get(string id, CurrentCaller caller, VoucherStore store, HttpResponse response)
    {
        var voucher = store.Find(caller.RequirePartnerId(), id) ?? throw ApiException.NotFound();
        response.SetETag(ETags.FromVersion(voucher.Version));
        return TypedResults.Ok(View(voucher));
    }

    private static Created<VoucherView> Issue(IssueVoucher request, CurrentCaller caller, VoucherStore store, TimeProvider time)
    {
        if (request.Amount is <= 0 or > 10_000)
        {
            throw ApiException.InvalidField("amount", "amount must be between 0.01 and 10000.");
        }

        var voucher = new Voucher(Guid.NewGuid().ToString("N"), caller.RequirePartnerId(), request.RecipientMobile, request.Amount, VoucherStatus.Issued, time.GetUtcNow(), 1);
        store.Add(voucher);
        return TypedResults.Created($"/v2/partners/vouchers/{voucher.Id}", View(voucher));
    }

    private static Ok<VoucherView> Update(string id, UpdateVoucher request, CurrentCaller caller, VoucherStore store, HttpRequest http, HttpResponse response)
    {
        var voucher = store.Find(caller.RequirePartnerId(), id) ?? throw ApiException.NotFound();
        http.EnsureIfMatch(ETags.FromVersion(voucher.Version));
        if (voucher.Status == VoucherStatus.Redeemed)
        {
            throw new ApiException(VoucherAlreadyRedeemed);
        }

        var updated = voucher with { Amount = request.Amount, Version = voucher.Version + 1 };
        store.Replace(updated);
        response.SetETag(ETags.FromVersion(updated.Version));
        return TypedResults.Ok(View(updated));
    }

    private static VoucherView View(Voucher v) =>
        new(v.Id, PiiMask.Mobile(v.RecipientMobile)!, v.Amount, v.Status, v.IssuedAt);
}

internal enum VoucherStatus
{
    Issued,
    PartlyRedeemed,
    Redeemed,
}

internal sealed record Voucher(string Id, string PartnerId, string RecipientMobile, decimal Amount, VoucherStatus Status, DateTimeOffset IssuedAt, uint Version);

internal sealed record VoucherView(string VoucherId, string RecipientMobile, decimal Amount, VoucherStatus Status, DateTimeOffset IssuedAt);

internal sealed record IssueVoucher(string RecipientMobile, decimal Amount);

internal sealed record UpdateVoucher(decimal Amount);

internal sealed class VoucherStore
{
    private readonly ConcurrentDictionary<string, Voucher> _vouchers = new();

    public IEnumerable<Voucher> Of(string partnerId) => _vouchers.Values.Where(v => v.PartnerId == partnerId);

    public Voucher? Find(string partnerId, string id) =>
        _vouchers.TryGetValue(id, out var voucher) && voucher.PartnerId == partnerId ? voucher : null;

    public void Add(Voucher voucher) => _vouchers[voucher.Id] = voucher;

    public void Replace(Voucher voucher) => _vouchers[voucher.Id] = voucher;
}
