using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;

namespace Coupons.Benchmark;

/// <summary>
/// The baseline of an issue: a hand-written Npgsql program writing the rows one issue of one coupon
/// writes — the coupon, its ledger row, the quota movement, the operation record, the outbox row
/// (readable by the service's relay, which publishes it), the idempotency key with a stored answer,
/// the relay's notification — and charging the quota with a conditional UPDATE, in one batch (one
/// round trip, one implicit transaction) on the same tables, indexes and connection settings. No
/// HTTP, no token, no idempotency lookup, no read models consulted. When the quota does not cover
/// the coupon the charge divides by zero, which rolls the whole batch back: nothing is written.
/// </summary>
internal sealed class HandWrittenIssue(NpgsqlDataSource dataSource, string outboxTable, string notifyChannel)
{
    private const decimal FaceValue = 0.01m;

    private static readonly byte[] StoredAnswer = Encoding.UTF8.GetBytes(
        """{"issued":[{"customer_id":"00000000-0000-0000-0000-000000000000","coupon_id":"00000000-0000-0000-0000-000000000000"}],"refused":[]}""");

    /// <summary>Issues one coupon of 0.01 CNY to the issuer's customer; false when the quota no longer covers it.</summary>
    public async Task<bool> IssueAsync(Issuer issuer)
    {
        await using var batch = dataSource.CreateBatch();
        return await IssueAsync(issuer, batch);
    }

    /// <summary>The same on <paramref name="connection"/> (open), e.g. one that explains its statements.</summary>
    public async Task<bool> IssueAsync(Issuer issuer, NpgsqlConnection connection)
    {
        await using var batch = new NpgsqlBatch(connection);
        return await IssueAsync(issuer, batch);
    }

    private async Task<bool> IssueAsync(Issuer issuer, NpgsqlBatch batch)
    {
        var now = DateTimeOffset.UtcNow;
        var expiresAt = now.AddDays(29);
        var couponId = Guid.CreateVersion7(now);
        var outbox = OutboxMessage.For(
            new CouponIssued(couponId, "voucher", issuer.QuotaId, issuer.PartnerId, null, issuer.CustomerId, FaceValue, "CNY", now, expiresAt, now), now);
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO coupons (id, coupon_type, source, quota_id, issuer_partner_id, indirect_partner_id, customer_id, face_value, balance,
                currency, status, valid_from, expires_at, cloud_service_types, product_ids, billing_modes, regions, min_order_amount,
                max_order_share, issued_by, remark, issued_at, updated_at)
            VALUES ($1, 'voucher', 'partner_issue', $2, $3, NULL, $4, $5, $5, 'CNY', 'available', $6, $7, '{}', '{}', '{}', '{}', NULL,
                NULL, $8, NULL, $6, $6)
            """,
            Uuid(couponId), Uuid(issuer.QuotaId), Uuid(issuer.PartnerId), Uuid(issuer.CustomerId), Money(FaceValue), Time(now), Time(expiresAt),
            Text(issuer.OperatorId)));
        batch.BatchCommands.Add(Command(
            "INSERT INTO coupon_ledger_entries (coupon_id, kind, amount, balance_after, occurred_at) VALUES ($1, 'issued', $2, $2, $3)",
            Uuid(couponId), Money(FaceValue), Time(now)));
        batch.BatchCommands.Add(Command(
            "INSERT INTO quota_movements (quota_id, kind, amount, coupon_id, occurred_at) VALUES ($1, 'issued', $2, $3, $4)",
            Uuid(issuer.QuotaId), Money(-FaceValue), Uuid(couponId), Time(now)));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO operation_records (partner_id, operation_type, operator_kind, operator_id, quota_id, coupon_id, customer_id,
                counterpart_partner_id, amount, currency, remark, occurred_at)
            VALUES ($1, 'coupon_issued', 'partner', $2, $3, $4, $5, NULL, $6, 'CNY', NULL, $7)
            """,
            Uuid(issuer.PartnerId), Text(issuer.OperatorId), Uuid(issuer.QuotaId), Uuid(couponId), Uuid(issuer.CustomerId), Money(FaceValue), Time(now)));
        batch.BatchCommands.Add(Command(
            $"INSERT INTO {outboxTable} (id, message_type, payload, trace_parent, created_at, available_at, attempts) VALUES ($1, $2, $3, NULL, $4, $4, 0)",
            Uuid(outbox.Id), Text(outbox.MessageType), new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = outbox.Payload }, Time(now)));
        batch.BatchCommands.Add(Command(
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, status_code, content_type, location, body, created_at, expires_at)
            VALUES ($1, $2, $3, 200, 'application/json; charset=utf-8', NULL, $4, $5, $6)
            """,
            Text("bench:" + issuer.PartnerId), Text(Guid.NewGuid().ToString("N")), Text(Convert.ToHexString(SHA256.HashData(couponId.ToByteArray()))),
            new NpgsqlParameter<byte[]> { TypedValue = StoredAnswer }, Time(now), Time(now.AddDays(1))));
        batch.BatchCommands.Add(Command($"SELECT pg_notify('{notifyChannel}', '')"));
        batch.BatchCommands.Add(Command(
            """
            WITH charged AS (
                UPDATE quotas SET remaining_amount = remaining_amount - $1, updated_at = $2
                WHERE id = $3 AND remaining_amount >= $1
                RETURNING id
            )
            SELECT 1 / (SELECT count(*) FROM charged)::int
            """,
            Money(FaceValue), Time(now), Uuid(issuer.QuotaId)));
        try
        {
            await using var reader = await batch.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                }
            }
            while (await reader.NextResultAsync());
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero)
        {
            return false;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<Guid> Uuid(Guid value) => new() { TypedValue = value };

    private static NpgsqlParameter<decimal> Money(decimal value) => new() { TypedValue = value };

    private static NpgsqlParameter<DateTimeOffset> Time(DateTimeOffset value) => new() { TypedValue = value };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };
}
