using System.Text;
using PartnerPlatform.Csv;
using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Tests;

/// <summary>The suite's one CSV writer (ADR 0030), shared with coupons-api's operation-log export.</summary>
public sealed class CsvWriterTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-pseudonym-key");

    [Fact]
    public async Task Rows_are_RFC_4180_UTF8_without_byte_order_mark_with_invariant_values()
    {
        var bytes = await WriteAsync(
            [new("id"), new("note"), new("amount"), new("at"), new("on")],
            [1L, "say \"hi\", then\r\nleave", 1234.5m, new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(8)), new DateOnly(2027, 1, 1)],
            [2L, null, -0.01m, null, null]);

        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "no byte order mark");
        Assert.Equal(
            "id,note,amount,at,on\r\n1,\"say \"\"hi\"\", then\r\nleave\",1234.5,2026-12-31T15:30:00Z,2027-01-01\r\n2,,-0.01,,\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task Every_kind_of_personal_data_leaves_anonymised()
    {
        var text = Encoding.UTF8.GetString(await WriteAsync(
            [new("customer_name", PersonalData.Name), new("mobile", PersonalData.Mobile), new("email", PersonalData.Email), new("customer", PersonalData.Pseudonym)],
            ["张伟科技有限公司", "13812345678", "zhangwei@example.com", "6b1f0a3e-0000-4000-8000-000000000001"]));

        var row = text.Split("\r\n")[1];
        foreach (var clear in new[] { "张伟科技有限公司", "13812345678", "zhangwei@", "6b1f0a3e" })
        {
            Assert.DoesNotContain(clear, row, StringComparison.Ordinal);
        }

        Assert.Equal(
            $"{PiiMask.Name("张伟科技有限公司")},{PiiMask.Mobile("13812345678")},{PiiMask.Email("zhangwei@example.com")},"
            + AnonymisingCsvWriter.Pseudonym(Key, "customer", "6b1f0a3e-0000-4000-8000-000000000001"),
            row);
    }

    [Fact]
    public void Pseudonyms_are_stable_under_one_key_distinct_per_value_and_change_with_the_key()
    {
        var first = AnonymisingCsvWriter.Pseudonym(Key, "customer", "c-1");

        Assert.StartsWith("cust-", first, StringComparison.Ordinal);
        Assert.Equal(first, AnonymisingCsvWriter.Pseudonym(Key, "customer", "c-1"));
        Assert.NotEqual(first, AnonymisingCsvWriter.Pseudonym(Key, "customer", "c-2"));
        Assert.NotEqual(first, AnonymisingCsvWriter.Pseudonym(Encoding.UTF8.GetBytes("another-key"), "customer", "c-1"));
        Assert.Equal("", AnonymisingCsvWriter.Pseudonym(Key, "customer", ""));
    }

    [Fact]
    public void A_pseudonym_column_without_a_key_is_refused()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => AnonymisingCsvWriter.Create(stream, [new("customer", PersonalData.Pseudonym)]));
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<CsvColumn> columns, params object?[][] rows)
    {
        using var stream = new MemoryStream();
        await using (var csv = AnonymisingCsvWriter.Create(stream, columns, Key, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                await csv.WriteRowAsync(row, CancellationToken.None);
            }
        }

        return stream.ToArray();
    }
}
