using System.Collections.Concurrent;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Data;

/// <summary>
/// The whole of an issue that succeeds for every customer, in one round trip: a batch of two
/// statements in one implicit transaction. The first writes the coupons, their ledger rows, the
/// quota movements, the operation records, the outbox rows, the idempotency key with its response
/// and the outbox notification, only when the read models allow every customer (actively associated
/// with the owner as reseller-type customers, on the issuer's whitelist for cash coupons and pickup
/// vouchers) and the links the issue acts under are active (the distributor's with the reseller it
/// issues for, and the granting distributor's with a reseller issuing out of a granted quota); those
/// link rows stay share-locked to the commit. The second is the conditional quota UPDATE; when it
/// takes nothing it fails, and the whole batch rolls back. So the quota row is locked only from its
/// UPDATE to the commit, and when the issue does not apply nothing is written and the caller takes
/// the general path, which says per customer why.
/// </summary>
internal static class IssueStatement
{
    // The channel stands for the model's outbox table (schema and name), which the statement names.
    private static readonly ConcurrentDictionary<(bool Whitelisted, bool Linked, bool Granted, bool Keyed, string Channel), (string Write, string Charge)> Statements = new();

    /// <summary>
    /// Issues <paramref name="coupons"/> (all of one quota, issuer and face value) with
    /// <paramref name="events"/> (the outbox rows staged for them); false when the quota, a customer
    /// or a link does not allow it. <paramref name="grantingDistributorId"/> is the distributor that
    /// granted the quota to the issuing reseller, if any.
    /// </summary>
    public static async Task<bool> TryRunAsync(
        CouponsDbContext db,
        IReadOnlyList<Coupon> coupons,
        IReadOnlyList<OutboxMessage> events,
        Guid ownerId,
        Guid? grantingDistributorId,
        string? operatorId,
        IdempotentRequest? idempotency,
        StoredResponse? response,
        CancellationToken cancellationToken)
    {
        var first = coupons[0];
        var whitelisted = first.CouponType != QuotaType.Voucher;
        var linked = first.IndirectPartnerId is not null;
        var granted = grantingDistributorId is not null;
        var keyed = idempotency is not null && response is not null;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var atCharge = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (write, charge) = Statements.GetOrAdd((whitelisted, linked, granted, keyed, db.OutboxNotifyChannel()), static (variant, context) => Sql(context, variant), db);
            await using var batch = new NpgsqlBatch(connection);
            var writing = new NpgsqlBatchCommand(write);
            var charging = new NpgsqlBatchCommand(charge);
            batch.BatchCommands.Add(writing);
            batch.BatchCommands.Add(charging);
            var p = writing.Parameters;
            Add(p, "quota_id", first.QuotaId, NpgsqlDbType.Uuid);
            Add(p, "issuer_id", first.IssuerPartnerId, NpgsqlDbType.Uuid);
            Add(p, "indirect_id", first.IndirectPartnerId, NpgsqlDbType.Uuid);
            Add(p, "owner_id", ownerId, NpgsqlDbType.Uuid);
            if (granted)
            {
                Add(p, "distributor_id", grantingDistributorId, NpgsqlDbType.Uuid);
            }

            Add(p, "count", (long)coupons.Count, NpgsqlDbType.Bigint);
            Add(p, "total", first.FaceValue * coupons.Count, NpgsqlDbType.Numeric);
            Add(p, "face_value", first.FaceValue, NpgsqlDbType.Numeric);
            Add(p, "charge", -first.FaceValue, NpgsqlDbType.Numeric);
            Add(p, "now", first.IssuedAt, NpgsqlDbType.TimestampTz);
            Add(p, "coupon_type", SnakeCaseEnumConverter<QuotaType>.NameOf(first.CouponType), NpgsqlDbType.Text);
            Add(p, "source", SnakeCaseEnumConverter<CouponSource>.NameOf(first.Source), NpgsqlDbType.Text);
            Add(p, "status", SnakeCaseEnumConverter<CouponStatus>.NameOf(first.Status), NpgsqlDbType.Text);
            Add(p, "currency", first.Currency, NpgsqlDbType.Text);
            Add(p, "valid_from", first.ValidFrom, NpgsqlDbType.TimestampTz);
            Add(p, "expires_at", first.ExpiresAt, NpgsqlDbType.TimestampTz);
            Add(p, "cloud_service_types", first.CloudServiceTypes, NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(p, "product_ids", first.ProductIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(p, "billing_modes", first.BillingModes, NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(p, "regions", first.Regions, NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(p, "min_order_amount", first.MinOrderAmount, NpgsqlDbType.Numeric);
            Add(p, "max_order_share", first.MaxOrderShare, NpgsqlDbType.Numeric);
            Add(p, "issued_by", first.IssuedBy, NpgsqlDbType.Text);
            Add(p, "remark", first.Remark, NpgsqlDbType.Text);
            Add(p, "ledger_kind", SnakeCaseEnumConverter<CouponLedgerKind>.NameOf(CouponLedgerKind.Issued), NpgsqlDbType.Text);
            Add(p, "movement_kind", SnakeCaseEnumConverter<QuotaMovementKind>.NameOf(QuotaMovementKind.Issued), NpgsqlDbType.Text);
            Add(p, "operation_type", SnakeCaseEnumConverter<OperationType>.NameOf(OperationType.CouponIssued), NpgsqlDbType.Text);
            Add(p, "operator_kind", SnakeCaseEnumConverter<OperatorKind>.NameOf(OperatorKind.Partner), NpgsqlDbType.Text);
            Add(p, "operator_id", operatorId, NpgsqlDbType.Text);
            Add(p, "customer_ids", coupons.Select(c => c.CustomerId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            Add(p, "coupon_ids", coupons.Select(c => c.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            p.AddRange(OutboxStatement.Parameters(events));
            if (keyed)
            {
                p.AddRange(idempotency!.Parameters(response!));
            }

            var c = charging.Parameters;
            Add(c, "quota_id", first.QuotaId, NpgsqlDbType.Uuid);
            Add(c, "issuer_id", first.IssuerPartnerId, NpgsqlDbType.Uuid);
            Add(c, "first_coupon_id", first.Id, NpgsqlDbType.Uuid);
            Add(c, "total", first.FaceValue * coupons.Count, NpgsqlDbType.Numeric);
            Add(c, "now", first.IssuedAt, NpgsqlDbType.TimestampTz);

            await batch.PrepareAsync(cancellationToken);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

            // Read the writing statement to its end first, so an error from here on is the charge's
            // (the exception does not name the batch command it came from).
            while (await reader.ReadAsync(cancellationToken))
            {
            }

            atCharge = true;
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
            }

            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero && atCharge)
        {
            // The charge found nothing to take: the batch's implicit transaction rolled back. The same
            // error from anywhere else (the writing statement, a trigger) is a fault, not a refusal.
            return false;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (string Write, string Charge) Sql(CouponsDbContext db, (bool Whitelisted, bool Linked, bool Granted, bool Keyed, string Channel) variant)
    {
        var (whitelisted, linked, granted, keyed, _) = variant;
        var whitelist = whitelisted
            ? """
               AND EXISTS (
                  SELECT 1 FROM whitelists w
                  JOIN whitelist_entries e ON e.partner_id = w.partner_id AND e.version = w.version
                  WHERE w.partner_id = @issuer_id AND e.customer_id = r.customer_id)
              """
            : "";
        // The links are share-locked (FOR SHARE) up to the commit, as ReadModelQueries.HoldActiveLinkAsync
        // does on the general path: a consumer's status UPDATE of a locked link waits for this issue to
        // commit, and a link whose suspension is being committed is waited for and then read as
        // suspended. So no issue commits under a link after its suspension or revocation has committed.
        // They are locked before the key is inserted and the quota charged, in the general path's order,
        // and only when every customer is eligible (CASE), so an issue that does not apply here waits
        // for no link and meets it again, locked, on the general path.
        var link = linked ? ActiveLinkHeld("@issuer_id", "@indirect_id") : "";
        var grant = granted ? ActiveLinkHeld("@distributor_id", "@issuer_id") : "";
        var key = keyed
            ? $"key_row AS ({IdempotentRequest.InsertFromSql("eligible")}),"
            : "";
        var write = $"""
            WITH requested AS (
                SELECT * FROM unnest(@customer_ids, @coupon_ids) AS r(customer_id, coupon_id)
            ),
            eligible AS (
                SELECT 1 WHERE CASE WHEN @count = (
                    SELECT count(*) FROM requested r
                    JOIN customer_associations a ON a.customer_id = r.customer_id
                    WHERE a.active AND a.owner_partner_id = @owner_id AND a.association_type = 'reseller'{whitelist})
                THEN true{link}{grant} ELSE false END
            ),
            {key}
            coupon_rows AS (
                INSERT INTO coupons (id, coupon_type, source, quota_id, issuer_partner_id, indirect_partner_id, customer_id,
                    face_value, balance, currency, status, valid_from, expires_at, cloud_service_types, product_ids, billing_modes,
                    regions, min_order_amount, max_order_share, issued_by, remark, issued_at, updated_at)
                SELECT r.coupon_id, @coupon_type, @source, @quota_id, @issuer_id, @indirect_id, r.customer_id,
                    @face_value, @face_value, @currency, @status, @valid_from, @expires_at, @cloud_service_types, @product_ids, @billing_modes,
                    @regions, @min_order_amount, @max_order_share, @issued_by, @remark, @now, @now
                FROM requested r, eligible
            ),
            ledger_rows AS (
                INSERT INTO coupon_ledger_entries (coupon_id, kind, amount, balance_after, occurred_at)
                SELECT r.coupon_id, @ledger_kind, @face_value, @face_value, @now FROM requested r, eligible
            ),
            movement_rows AS (
                INSERT INTO quota_movements (quota_id, kind, amount, coupon_id, occurred_at)
                SELECT @quota_id, @movement_kind, @charge, r.coupon_id, @now FROM requested r, eligible
            ),
            record_rows AS (
                INSERT INTO operation_records (partner_id, operation_type, operator_kind, operator_id, quota_id, coupon_id, customer_id,
                    counterpart_partner_id, amount, currency, remark, occurred_at)
                SELECT @issuer_id, @operation_type, @operator_kind, @operator_id, @quota_id, r.coupon_id, r.customer_id,
                    @indirect_id, @face_value, @currency, @remark, @now
                FROM requested r, eligible
            ),
            event_rows AS (
                {OutboxStatement.InsertSql(db, onlyWhen: "eligible")}
            )
            {OutboxStatement.NotifySql(db, onlyWhen: "eligible")}
            """;

        // Last, so the quota row is locked only from here to the commit. Dividing by the number of
        // charged rows fails when there is none, which rolls the batch's implicit transaction back.
        const string charge = """
            WITH charged AS (
                UPDATE quotas SET remaining_amount = remaining_amount - @total, updated_at = @now
                WHERE id = @quota_id AND partner_id = @issuer_id AND status = 'normal'
                  AND valid_from <= @now AND expires_at > @now AND remaining_amount >= @total
                  AND EXISTS (SELECT 1 FROM coupons WHERE id = @first_coupon_id)
                RETURNING id
            )
            SELECT 1 / count(*) FROM charged
            """;
        return (write, charge);
    }

    private static void Add<T>(NpgsqlParameterCollection parameters, string name, T value, NpgsqlDbType type) =>
        parameters.Add(new NpgsqlParameter(name, type) { Value = (object?)value ?? DBNull.Value });

    private static string ActiveLinkHeld(string distributor, string reseller) =>
        $"""
         AND EXISTS (
            SELECT 1 FROM reseller_links l
            WHERE l.distributor_partner_id = {distributor} AND l.reseller_partner_id = {reseller} AND l.status = 'active'
            FOR SHARE)
        """;
}
