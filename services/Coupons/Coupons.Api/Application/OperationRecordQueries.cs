using System.Security.Cryptography;
using System.Text;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Csv;

namespace Coupons.Api.Application;

/// <summary>Filters of the operation log (all optional; times are inclusive-exclusive).</summary>
public sealed record OperationRecordFilter(
    OperationType? OperationType, Guid? QuotaId, Guid? CouponId, Guid? CustomerId, DateTimeOffset? BeginTime, DateTimeOffset? EndTime);

/// <summary>Reads a partner's operation log: pages for the API, a streamed anonymised CSV for exports.</summary>
public sealed class OperationRecordQueries(CouponsDbContext db, IOptions<CouponsOptions> options)
{
    private const int ExportChunk = 1000;
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);

    public IQueryable<OperationRecord> Filter(Guid partnerId, OperationRecordFilter filter)
    {
        var records = db.OperationRecords.AsNoTracking().Where(r => r.PartnerId == partnerId);
        if (filter.OperationType is { } type)
        {
            records = records.Where(r => r.OperationType == type);
        }

        if (filter.QuotaId is { } quotaId)
        {
            records = records.Where(r => r.QuotaId == quotaId);
        }

        if (filter.CouponId is { } couponId)
        {
            records = records.Where(r => r.CouponId == couponId);
        }

        if (filter.CustomerId is { } customerId)
        {
            records = records.Where(r => r.CustomerId == customerId);
        }

        if (filter.BeginTime is { } begin)
        {
            records = records.Where(r => r.OccurredAt >= begin);
        }

        if (filter.EndTime is { } end)
        {
            records = records.Where(r => r.OccurredAt < end);
        }

        return records;
    }

    /// <summary>The columns of the exported log; customers and operators are personal data, written as keyed pseudonyms.</summary>
    public static readonly IReadOnlyList<CsvColumn> ExportColumns =
    [
        new("record_id"), new("occurred_at"), new("operation_type"), new("operator_kind"), new("operator", PersonalData.Pseudonym), new("quota_id"),
        new("coupon_id"), new("customer", PersonalData.Pseudonym), new("counterpart_partner_id"), new("amount"), new("currency"),
    ];

    /// <summary>
    /// Writes the filtered log as CSV with the suite's one writer, oldest first, in keyset chunks (no deep
    /// offsets, bounded memory). Remarks are left out, as they may carry personal data.
    /// </summary>
    public async Task WriteCsvAsync(Guid partnerId, OperationRecordFilter filter, Stream output, CancellationToken cancellationToken)
    {
        var key = options.Value.ExportPseudonymKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : ProcessKey;
        await using var csv = AnonymisingCsvWriter.Create(output, ExportColumns, key, leaveOpen: true);
        var after = 0L;
        while (true)
        {
            var chunk = await Filter(partnerId, filter).Where(r => r.Id > after).OrderBy(r => r.Id).Take(ExportChunk).ToListAsync(cancellationToken);
            foreach (var r in chunk)
            {
                await csv.WriteRowAsync(
                [
                    r.Id, r.OccurredAt, SnakeCaseEnumConverter<OperationType>.NameOf(r.OperationType), SnakeCaseEnumConverter<OperatorKind>.NameOf(r.OperatorKind),
                    r.OperatorId, r.QuotaId, r.CouponId, r.CustomerId, r.CounterpartPartnerId, r.Amount is { } amount ? Money.Normalize(amount) : null, r.Currency,
                ], cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
            if (chunk.Count < ExportChunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }
    }
}
