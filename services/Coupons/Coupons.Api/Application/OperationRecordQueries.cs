using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Writes the filtered log as CSV, oldest first, in keyset chunks (no deep offsets, bounded
    /// memory). Customers and operators appear as keyed pseudonyms; remarks are left out, as they
    /// may carry personal data.
    /// </summary>
    public async Task WriteCsvAsync(Guid partnerId, OperationRecordFilter filter, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, null, leaveOpen: true);
        foreach (var header in new[]
                 {
                     "record_id", "occurred_at", "operation_type", "operator_kind", "operator", "quota_id", "coupon_id", "customer",
                     "counterpart_partner_id", "amount", "currency",
                 })
        {
            csv.WriteField(header);
        }

        await csv.EndRecordAsync(cancellationToken);
        var key = options.Value.ExportPseudonymKey is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : ProcessKey;
        var after = 0L;
        while (true)
        {
            var chunk = await Filter(partnerId, filter).Where(r => r.Id > after).OrderBy(r => r.Id).Take(ExportChunk).ToListAsync(cancellationToken);
            foreach (var r in chunk)
            {
                csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(SnakeCaseEnumConverter<OperationType>.NameOf(r.OperationType));
                csv.WriteField(SnakeCaseEnumConverter<OperatorKind>.NameOf(r.OperatorKind));
                csv.WriteField(Pseudonym(key, "operator", r.OperatorId));
                csv.WriteField(r.QuotaId?.ToString());
                csv.WriteField(r.CouponId?.ToString());
                csv.WriteField(Pseudonym(key, "customer", r.CustomerId?.ToString()));
                csv.WriteField(r.CounterpartPartnerId?.ToString());
                csv.WriteField(r.Amount is { } amount ? Money.Normalize(amount).ToString(CultureInfo.InvariantCulture) : null);
                csv.WriteField(r.Currency);
                await csv.EndRecordAsync(cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
            if (chunk.Count < ExportChunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }
    }

    private static string? Pseudonym(byte[] key, string kind, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + ":" + value));
        return kind[..4] + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
