using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Contracts.Incentives;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Contracts.Resellers;
using PartnerPlatform.Contracts.SubscriptionFiles;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using PartnerPlatform.Csv;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>Every list a partner sees can be exported: asynchronously, anonymised, with a link that expires.</summary>
public sealed partial class ExportTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    [Fact]
    public async Task A_partner_exports_its_customers_anonymised_and_the_link_expires()
    {
        var now = api.Clock.GetUtcNow();
        var partner = Guid.NewGuid();
        var customers = await Data.CustomersAsync(api, partner, 5, now);
        using var client = api.Partner(partner);

        var created = await ProblemAssert.IsSuccess(
            await client.PostAsJsonAsync("/v2/partners/exports", new { list = "customers" }), HttpStatusCode.Accepted);
        Assert.Equal("customers", created.GetProperty("list").GetString());
        var exportId = created.GetProperty("id").GetGuid();
        await CompletedAsync(client, exportId);

        var records = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/exports"));
        var record = Assert.Single(records.GetProperty("exports").EnumerateArray());
        Assert.Equal("completed", record.GetProperty("status").GetString());
        Assert.Equal(5, record.GetProperty("row_count").GetInt64());
        var link = record.GetProperty("download_url").GetString()!;
        Assert.Equal($"/v2/partners/exports/{exportId}/file", link);

        var file = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await file.Content.ReadAsByteArrayAsync());
        var lines = text.Split("\r\n")[1..^1].Select(Manifests.ParseLine).ToList();
        Assert.Equal(customers.Select(c => c.Id.ToString()).Order(), lines.Select(l => l[0]).Order());
        Assert.Equal(customers.Select(c => PiiMask.Name(c.Name)).Order(), lines.Select(l => l[1]).Order());
        Assert.DoesNotContain(customers, c => text.Contains(c.Name, StringComparison.Ordinal));

        api.Clock.Advance(TimeSpan.FromDays(7));
        using var later = api.Partner(partner);
        await ProblemAssert.IsProblem(await later.GetAsync(link), HttpStatusCode.Gone, "CBC.99009021");
        var expired = await ProblemAssert.IsSuccess(await later.GetAsync($"/v2/partners/exports/{exportId}"));
        Assert.Equal(JsonValueKindNull, expired.GetProperty("download_url").ValueKind);
    }

    [Theory]
    [InlineData("customers", 2)]
    [InlineData("resellers", 1)]
    [InlineData("coupons", 1)]
    [InlineData("coupon_operations", 2)]
    [InlineData("opportunities", 1)]
    [InlineData("incentive_lines", 1)]
    [InlineData("orders", 1)]
    public async Task Every_list_a_partner_sees_is_exported_from_the_read_models_with_personal_data_masked(string list, int rows)
    {
        var now = api.Clock.GetUtcNow();
        var partner = Guid.NewGuid();
        var customers = await Data.CustomersAsync(api, partner, 2, now);
        var customer = customers[0].Id;
        await api.PublishAsync(new ResellerLinked(Guid.NewGuid(), partner, Guid.NewGuid(), now));
        var couponId = Guid.NewGuid();
        await api.PublishAsync(new CouponIssued(couponId, "voucher", null, partner, null, customer, 100m, "CNY", now, now.AddDays(30), now));
        await api.PublishAsync(new CouponRedeemed(couponId, "voucher", partner, null, customer, "order-1", 80m, 60m, 40m, "CNY", now.AddMinutes(1)));
        await api.PublishAsync(new OpportunitySubmitted(
            Guid.NewGuid(), partner, "Li Na Digital Co.", "retail", "cn-east", 50000m, "CNY", DateOnly.FromDateTime(now.UtcDateTime.AddMonths(2)), "vendor", now.AddDays(5), now));
        await api.PublishAsync(new IncentiveEstimated(Guid.NewGuid(), partner, "2027-Q2", "resale_rebate", 1234.5m, "CNY", now));
        await api.PublishAsync(new OrderRecorded(Guid.NewGuid(), partner, customer, "new", "ecs.general.c7", "i-abc", "cn-north-4", 999m, "CNY", now, now));
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var db = api.Db();
                return db.ResellerLinks.Any(l => l.DistributorPartnerId == partner) && db.CouponOperations.Count(o => o.PartnerId == partner) == 2
                    && db.Opportunities.Any(o => o.PartnerId == partner) && db.IncentiveEstimates.Any(e => e.PartnerId == partner)
                    && db.Orders.Any(o => o.PartnerId == partner);
            },
            TimeSpan.FromSeconds(30),
            "the events reached the read models");

        using var client = api.Partner(partner);
        var created = await ProblemAssert.IsSuccess(await client.PostAsJsonAsync("/v2/partners/exports", new { list }), HttpStatusCode.Accepted);
        await CompletedAsync(client, created.GetProperty("id").GetGuid());
        var file = await client.GetAsync($"/v2/partners/exports/{created.GetProperty("id").GetGuid()}/file");
        var text = await file.Content.ReadAsStringAsync();
        Assert.True(file.StatusCode == HttpStatusCode.OK, text);

        var lines = text.Split("\r\n");
        var header = Manifests.ParseLine(lines[0]);
        Assert.Equal(Datasets.ForExport(Enum.Parse<ExportList>(SnakeToPascal(list))).Columns.Select(c => c.Name), header);
        Assert.Equal(rows, lines.Length - 2);
        Assert.DoesNotContain("Li Na Digital Co.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(customers, c => text.Contains(c.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_export_not_yet_generated_has_no_file_and_unknown_lists_are_refused()
    {
        var partner = Guid.NewGuid();
        var exportId = Guid.NewGuid();
        await using (var db = api.Db())
        {
            db.Exports.Add(new Export { Id = exportId, PartnerId = partner, List = ExportList.Orders, Status = ExportStatus.Pending, RequestedAt = api.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        // Held by a generator that is still writing it: other runners skip the locked row.
        await using var generating = api.Db();
        await using var transaction = await generating.Database.BeginTransactionAsync();
        await generating.Database.ExecuteSqlAsync($"SELECT id FROM exports WHERE id = {exportId} FOR UPDATE");

        using var client = api.Partner(partner);
        var records = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/exports"));
        var pending = records.GetProperty("exports")[0];
        Assert.Equal(JsonValueKindNull, pending.GetProperty("download_url").ValueKind);
        await ProblemAssert.IsProblem(
            await client.GetAsync($"/v2/partners/exports/{pending.GetProperty("id").GetGuid()}/file"), HttpStatusCode.Conflict, "CBC.99009020");
        await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/v2/partners/exports", new { list = "salaries" }), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameter.Code);
    }

    [Fact]
    public void Every_column_that_holds_personal_data_is_declared_and_so_anonymised()
    {
        var undeclared = Datasets.All.SelectMany(d => UndeclaredPersonalColumns(d).Select(c => $"{d.Name}.{c}")).ToList();
        Assert.True(undeclared.Count == 0, "Personal-data columns exported in clear:\n" + string.Join('\n', undeclared));
    }

    [Fact]
    public void The_personal_data_rule_catches_a_new_column_exported_in_clear()
    {
        var dataset = new Dataset(
            "customers_v2", [new("customer_id"), new("contact_mobile"), new("email"), new("customer_name", PersonalData.Name)], KeysetType.Uuid, "SELECT 1");
        Assert.Equal(["contact_mobile", "email"], UndeclaredPersonalColumns(dataset));
    }

    [Fact]
    public void Masked_values_keep_no_personal_data_in_clear()
    {
        Assert.Equal(PiiMask.Mobile("13812345678"), AnonymisingCsvWriter.TextOf("13812345678", new CsvColumn("mobile", PersonalData.Mobile)));
        Assert.NotEqual("13812345678", AnonymisingCsvWriter.TextOf("13812345678", new CsvColumn("mobile", PersonalData.Mobile)));
        Assert.DoesNotContain("zhangwei", AnonymisingCsvWriter.TextOf("zhangwei@example.com", new CsvColumn("email", PersonalData.Email)), StringComparison.Ordinal);
        Assert.NotEqual("Zhang Wei", AnonymisingCsvWriter.TextOf("Zhang Wei", new CsvColumn("customer_name", PersonalData.Name)));
    }

    private static Task CompletedAsync(HttpClient client, Guid exportId) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var export = await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/exports/{exportId}"));
                return export.GetProperty("status").GetString() == "completed";
            },
            TimeSpan.FromSeconds(30),
            "the export completed");

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static IEnumerable<string> UndeclaredPersonalColumns(Dataset dataset) =>
        dataset.Columns.Where(c => c.PersonalData == PersonalData.None && PersonalDataName().IsMatch(c.Name)).Select(c => c.Name);

    private static string SnakeToPascal(string name) => string.Concat(name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex("name|mobile|phone|email|e_mail|contact|address|id_card|passport", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalDataName();
}
