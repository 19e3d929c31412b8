using System.Net;
using System.Text.Json;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Tests.Support;

/// <summary>
/// Builds the world a test needs through the same doors production uses: identity and resellers
/// events through the broker (waiting until the read models show them) and quotas through the
/// vendor API. Every call makes fresh partners and customers, so tests sharing one host never meet.
/// </summary>
public sealed class Scenario(CouponsApiFactory api)
{
    public static readonly string[] AllCouponPermissions = ["coupons.issue", "coupons.recall"];

    public CouponsApiFactory Api => api;

    public DateTimeOffset Now => api.Clock.GetUtcNow();

    public static CurrentCaller Partner(Guid partnerId, string programme = "solution_provider", string[]? permissions = null) => new()
    {
        IsAuthenticated = true,
        UserId = "u-" + partnerId.ToString("N")[..12],
        PartnerId = partnerId.ToString(),
        Programmes = new HashSet<string>(StringComparer.Ordinal) { programme },
        Permissions = (permissions ?? AllCouponPermissions).ToHashSet(StringComparer.Ordinal),
        Region = "cn",
    };

    public static CurrentCaller Vendor(string role = "ecosystem_manager") => new()
    {
        IsAuthenticated = true,
        UserId = "staff-" + role,
        VendorRole = role,
    };

    public static CurrentCaller Customer(Guid customerId) => new()
    {
        IsAuthenticated = true,
        UserId = "c-" + customerId.ToString("N")[..12],
        CustomerId = customerId.ToString(),
    };

    public ApiClient ClientFor(Guid partnerId, string programme = "solution_provider") => api.Client(Partner(partnerId, programme));

    public ApiClient VendorClient(string role = "ecosystem_manager") => api.Client(Vendor(role));

    /// <summary>A partner in <paramref name="programme"/>, known to the service through PartnerProgrammeJoined.</summary>
    public async Task<Guid> NewPartnerAsync(string programme = "solution_provider")
    {
        var partnerId = Guid.NewGuid();
        await api.PublishAsync(new PartnerProgrammeJoined(partnerId, programme, null, Now));
        await api.EventuallyAsync(db => db.PartnerProgrammes.AnyAsync(p => p.PartnerId == partnerId && p.Active), "programme of " + partnerId);
        return partnerId;
    }

    /// <summary>A distributor and a reseller actively linked to it.</summary>
    public async Task<(Guid Distributor, Guid Reseller, Guid LinkId)> NewLinkedResellerAsync()
    {
        var distributor = await NewPartnerAsync("distributor");
        var reseller = Guid.NewGuid();
        var linkId = Guid.NewGuid();
        await api.PublishAsync(new ResellerLinked(linkId, distributor, reseller, Now));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId), "link " + linkId);
        return (distributor, reseller, linkId);
    }

    /// <summary>A further reseller actively linked to <paramref name="distributor"/>.</summary>
    public async Task<(Guid Reseller, Guid LinkId)> NewResellerOfAsync(Guid distributor)
    {
        var reseller = Guid.NewGuid();
        var linkId = Guid.NewGuid();
        await api.PublishAsync(new ResellerLinked(linkId, distributor, reseller, Now));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId), "link " + linkId);
        return (reseller, linkId);
    }

    /// <summary>The distributor carves <paramref name="amount"/> out of <paramref name="sourceQuotaId"/> for its reseller; the new quota's id.</summary>
    public async Task<Guid> GrantToResellerAsync(Guid distributor, Guid sourceQuotaId, Guid reseller, decimal amount)
    {
        using var client = ClientFor(distributor, "distributor");
        var granted = await (await client.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-grants", new
        {
            quota_id = sourceQuotaId, indirect_partner_id = reseller, amount,
        })).IsSuccess(HttpStatusCode.Created);
        return granted.GetProperty("quota_id").GetGuid();
    }

    /// <summary>
    /// A distributor with a quota of 1000.00, a linked cloud reseller holding <paramref name="amount"/>
    /// of it and <paramref name="customers"/> reseller-type customers of that reseller.
    /// </summary>
    public async Task<GrantedReseller> NewGrantedResellerAsync(decimal amount = 100.00m, int customers = 1)
    {
        var (distributor, reseller, linkId) = await NewLinkedResellerAsync();
        var source = (await GrantQuotaAsync(distributor, 1000.00m)).GetProperty("quota_id").GetGuid();
        var quota = await GrantToResellerAsync(distributor, source, reseller, amount);
        var customerIds = await NewCustomersAsync(distributor, customers, indirectPartnerId: reseller);
        return new GrantedReseller(this, distributor, reseller, linkId, source, quota, customerIds);
    }

    /// <summary>Publishes a link event of resellers-api and waits until the read model shows <paramref name="status"/>.</summary>
    public async Task SetLinkAsync<T>(T linkEvent, Guid linkId, string status)
        where T : class
    {
        await api.PublishAsync(linkEvent);
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == status), $"link {linkId} {status}");
    }

    /// <summary>Fresh customers associated with <paramref name="partnerId"/> (or, for a distributor, with its reseller).</summary>
    public async Task<Guid[]> NewCustomersAsync(Guid partnerId, int count, string associationType = "reseller", Guid? indirectPartnerId = null)
    {
        var customers = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var customer in customers)
        {
            await api.PublishAsync(new CustomerAssociated(partnerId, customer, associationType, indirectPartnerId, Now));
        }

        await api.EventuallyAsync(
            async db => await db.CustomerAssociations.CountAsync(a => customers.Contains(a.CustomerId)) == count,
            $"{count} associations of {partnerId}");
        return customers;
    }

    /// <summary>Vendor staff grant a quota; <paramref name="edit"/> changes the request body.</summary>
    public async Task<JsonElement> GrantQuotaAsync(
        Guid partnerId, decimal amount, string quotaType = "voucher", Action<Dictionary<string, object?>>? edit = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["partner_id"] = partnerId,
            ["quota_type"] = quotaType,
            ["amount"] = amount,
            ["currency"] = "CNY",
            ["expire_time"] = Now.AddDays(90),
        };
        if (quotaType == "pickup_voucher")
        {
            body["max_order_share"] = 0.5m;
        }

        edit?.Invoke(body);
        using var vendor = VendorClient();
        return await (await vendor.PostIdempotentAsync("/v2/partners/coupon-quotas/vendor-grants", body)).IsSuccess(HttpStatusCode.Created);
    }

    /// <summary>A partner with a quota and reseller-type customers, ready to issue.</summary>
    public async Task<Issuer> NewIssuerAsync(decimal amount = 1000m, int customers = 3, string quotaType = "voucher", Action<Dictionary<string, object?>>? edit = null)
    {
        var partnerId = await NewPartnerAsync(quotaType == "voucher" ? "solution_provider" : "gov_subsidy");
        var quota = await GrantQuotaAsync(partnerId, amount, quotaType, edit);
        var customerIds = await NewCustomersAsync(partnerId, customers);
        if (quotaType != "voucher")
        {
            await WhitelistAsync(partnerId, customerIds);
        }

        return new Issuer(this, partnerId, quota.GetProperty("quota_id").GetGuid(), customerIds);
    }

    /// <summary>Vendor staff import <paramref name="customerIds"/> as the partner's next whitelist version.</summary>
    public async Task<JsonElement> WhitelistAsync(Guid partnerId, Guid[] customerIds)
    {
        using var vendor = VendorClient();
        var current = await vendor.GetAsync($"/v2/promotions/benefits/whitelists/{partnerId}");
        var etag = current.Headers.ETag!.Tag;
        return await (await vendor.PutAsync($"/v2/promotions/benefits/whitelists/{partnerId}", new { customer_ids = customerIds }, etag)).IsSuccess();
    }

    /// <summary>Issues one coupon of <paramref name="faceValue"/> and returns its id.</summary>
    public async Task<Guid> IssueOneAsync(Issuer issuer, decimal faceValue, Guid? customerId = null, object? extra = null)
    {
        using var client = ClientFor(issuer.PartnerId);
        var body = new Dictionary<string, object?>
        {
            ["quota_id"] = issuer.QuotaId,
            ["customer_ids"] = new[] { customerId ?? issuer.Customers[0] },
            ["face_value"] = faceValue,
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            body[property.Name] = property.GetValue(extra);
        }

        var result = await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", body)).IsSuccess();
        Assert.Empty(result.GetProperty("error_details").EnumerateArray());
        return result.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
    }

    /// <summary>Remaining amount of a quota and the sum of its movements, straight from the database.</summary>
    public async Task<(decimal Remaining, decimal MovementSum)> QuotaBalanceAsync(Guid quotaId)
    {
        await using var db = api.Db();
        var remaining = await db.Quotas.Where(q => q.Id == quotaId).Select(q => q.RemainingAmount).SingleAsync();
        var movements = await db.QuotaMovements.Where(m => m.QuotaId == quotaId).SumAsync(m => m.Amount);
        return (remaining, movements);
    }

    /// <summary>A coupon's balance, status and the sum of its ledger rows, straight from the database.</summary>
    public async Task<(decimal Balance, CouponStatus Status, decimal LedgerSum)> CouponBalanceAsync(Guid couponId)
    {
        await using var db = api.Db();
        var coupon = await db.Coupons.SingleAsync(c => c.Id == couponId);
        var ledger = await db.CouponLedgerEntries.Where(e => e.CouponId == couponId).SumAsync(e => e.Amount);
        return (coupon.Balance, coupon.Status, ledger);
    }
}

/// <summary>A partner holding a quota, with customers associated as reseller type.</summary>
public sealed record Issuer(Scenario Scenario, Guid PartnerId, Guid QuotaId, Guid[] Customers)
{
    public ApiClient Client() => Scenario.ClientFor(PartnerId);
}

/// <summary>A cloud reseller holding a quota its distributor granted out of <see cref="SourceQuotaId"/>, with its customers.</summary>
public sealed record GrantedReseller(
    Scenario Scenario, Guid Distributor, Guid Reseller, Guid LinkId, Guid SourceQuotaId, Guid QuotaId, Guid[] Customers)
{
    public ApiClient ResellerClient() => Scenario.ClientFor(Reseller, "cloud_reseller");

    public ApiClient DistributorClient() => Scenario.ClientFor(Distributor, "distributor");
}
