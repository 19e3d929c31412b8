using System.Net;
using Coupons.Tests.Support;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class OperationRecordTests(CouponsApiFactory api)
{
    private const string Records = "/v2/promotions/benefits/partner-coupons/records";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Every_grant_issue_and_recall_is_recorded_with_who_when_what_and_remark()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 100.00m, customers: 2);
        using var client = issuer.Client();
        var issued = await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
        {
            quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 10.00m, remark = "launch",
        })).IsSuccess();
        var couponId = issued.GetProperty("succeeded")[0].GetProperty("coupon_id").GetGuid();
        await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons/reclaim", new { coupon_id = couponId, remark = "mistake" })).IsSuccess();

        var all = await (await client.GetAsync($"{Records}/query?limit=100")).IsSuccess();
        Assert.Equal(4, all.GetProperty("total_count").GetInt32());
        var newestFirst = all.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("operation_type").GetString()).ToList();
        Assert.Equal(["coupon_recalled", "coupon_issued", "coupon_issued", "quota_granted"], newestFirst);
        var recall = all.GetProperty("records")[0];
        Assert.Equal("mistake", recall.GetProperty("remark").GetString());
        Assert.Equal(couponId, recall.GetProperty("coupon_id").GetGuid());
        Assert.Equal(issuer.Customers[0], recall.GetProperty("customer_id").GetGuid());
        Assert.Equal("u-" + issuer.PartnerId.ToString("N")[..12], recall.GetProperty("operator_id").GetString());
        Assert.Equal("10.00", recall.GetProperty("amount").GetRawText());

        var filtered = await (await client.GetAsync($"{Records}/query?operation_type=coupon_issued&customer_id={issuer.Customers[1]}")).IsSuccess();
        Assert.Equal(1, filtered.GetProperty("total_count").GetInt32());
        var paged = await (await client.GetAsync($"{Records}/query?offset=1&limit=2")).IsSuccess();
        Assert.Equal(2, paged.GetProperty("records").GetArrayLength());
        var window = await (await client.GetAsync($"{Records}/query?begin_time={Uri.EscapeDataString(_scenario.Now.AddDays(1).ToString("O"))}")).IsSuccess();
        Assert.Equal(0, window.GetProperty("total_count").GetInt32());

        await (await client.GetAsync($"{Records}/query?operation_type=deleted")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.GetAsync($"{Records}/query?limit=0")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.GetAsync($"{Records}/query?quota_id=not-a-guid")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.GetAsync($"{Records}/query?begin_time=2026-01-02T00:00:00Z&end_time=2026-01-01T00:00:00Z")).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task The_csv_export_streams_every_record_and_anonymises_customers_operators_and_remarks()
    {
        var issuer = await _scenario.NewIssuerAsync(amount: 10000.00m, customers: 100);
        using var client = issuer.Client();
        for (var round = 0; round < 12; round++)
        {
            await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new
            {
                quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 1.00m, remark = "call 138-0013-8000",
            })).IsSuccess();
        }

        var response = await client.GetAsync($"{Records}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType ?? "", StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("record_id,occurred_at,operation_type,operator_kind,operator,quota_id,coupon_id,customer,counterpart_partner_id,amount,currency", lines[0]);
        Assert.Equal(1 + 1 + 1200, lines.Length);
        Assert.DoesNotContain(issuer.Customers[0].ToString(), csv, StringComparison.Ordinal);
        Assert.DoesNotContain("u-" + issuer.PartnerId.ToString("N")[..12], csv, StringComparison.Ordinal);
        Assert.DoesNotContain("138-0013-8000", csv, StringComparison.Ordinal);
        var customerColumn = lines.Skip(2).Select(l => l.Split(',')[7]).ToList();
        Assert.All(customerColumn, c => Assert.StartsWith("cust-", c, StringComparison.Ordinal));
        Assert.Equal(100, customerColumn.Distinct().Count());
        Assert.Equal(lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).Order(), lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));

        using var other = _scenario.ClientFor(await _scenario.NewPartnerAsync());
        var empty = await (await other.GetAsync($"{Records}/export")).Content.ReadAsStringAsync();
        Assert.Single(empty.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
