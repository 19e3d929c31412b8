using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Data;

/// <summary>
/// The issue of coupons out of one quota, decided and written by the database in one round trip: a
/// batch of two statements in one implicit transaction. The first decides, from the read models
/// and the quota as it stands, the whole call (the quota usable, the links it acts under active) and
/// then each customer in request order (actively associated with the owner as a reseller-type
/// customer, on the issuer's whitelist for cash coupons and pickup vouchers, covered by what the
/// quota holds); it writes the coupons of those who receive one, their ledger rows, the quota
/// movements, the operation records, the outbox rows, the idempotency key with the answer and the
/// outbox notification, and answers per customer. The links stay share-locked to the commit. The
/// second charges the quota with one conditional UPDATE, last, so the quota row is locked only
/// from there to the commit; when a concurrent issue took what the first statement counted on, it
/// fails and the whole batch rolls back, and the caller runs it again on the quota as it then stands.
/// </summary>
internal static class IssueStatement
{
    /// <summary>What the database answers per customer; a customer without a refusal received its coupon.</summary>
    public const string QuotaInsufficient = "quota_insufficient";
    public const string NotAssociated = "not_associated";
    public const string NotResellerType = "not_reseller_type";
    public const string NotWhitelisted = "not_whitelisted";

    /// <summary>Refusals of the whole call: nothing is written.</summary>
    public const string QuotaNotUsable = "quota_not_usable";
    public const string ResellerNotLinked = "reseller_not_linked";

    // The channel stands for the model's outbox table (schema and name), which the statement names.
    private static readonly ConcurrentDictionary<(bool Whitelisted, bool Linked, bool Granted, bool Keyed, string Channel), (PositionalSql Decide, PositionalSql Charge)> Statements = new();

    /// <summary>
    /// Issues <paramref name="candidates"/> (one coupon per requested customer, in request order,
    /// all of one quota, issuer and face value; <paramref name="events"/> are their outbox rows, in
    /// the same order). Null when a concurrent issue took what the decision counted on: nothing
    /// was written, and the caller runs it again.
    /// </summary>
    public static async Task<IssueOutcome?> TryRunAsync(
        CouponsDbContext db,
        IReadOnlyList<Coupon> candidates,
        IReadOnlyList<OutboxMessage> events,
        Guid ownerId,
        Guid? grantingDistributorId,
        string? operatorId,
        AnswerFormat answer,
        IdempotentRequest? idempotency,
        CancellationToken cancellationToken)
    {
        var first = candidates[0];
        var whitelisted = first.CouponType != QuotaType.Voucher;
        var linked = first.IndirectPartnerId is not null;
        var granted = grantingDistributorId is not null;
        var keyed = idempotency is not null;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var atCharge = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var (decide, charge) = Statements.GetOrAdd((whitelisted, linked, granted, keyed, db.OutboxNotifyChannel()), static (variant, context) => Sql(context, variant), db);
            await using var batch = new NpgsqlBatch(connection);
            var p = new Dictionary<string, NpgsqlParameter>(StringComparer.Ordinal);
            Add(p, "quota_id", first.QuotaId, NpgsqlDbType.Uuid);
            Add(p, "issuer_id", first.IssuerPartnerId, NpgsqlDbType.Uuid);
            Add(p, "indirect_id", first.IndirectPartnerId, NpgsqlDbType.Uuid);
            Add(p, "owner_id", ownerId, NpgsqlDbType.Uuid);
            if (granted)
            {
                Add(p, "distributor_id", grantingDistributorId, NpgsqlDbType.Uuid);
            }

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
            Add(p, "customer_ids", candidates.Select(c => c.CustomerId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            Add(p, "coupon_ids", candidates.Select(c => c.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            Add(p, OutboxStatement.Parameters(events));
            Add(p, "answer_open", answer.Open, NpgsqlDbType.Text);
            Add(p, "answer_between", answer.Between, NpgsqlDbType.Text);
            Add(p, "answer_close", answer.Close, NpgsqlDbType.Text);
            Add(p, "issued_entry", answer.IssuedEntry, NpgsqlDbType.Text);
            Add(p, "refusals", answer.RefusalEntries.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(p, "refusal_entries", answer.RefusalEntries.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            if (keyed)
            {
                // The statement stores the answer it builds, not a body passed in.
                Add(p, idempotency!.Parameters(new StoredResponse(StatusCodes.Status200OK, AnswerFormat.ContentType, null, []))
                    .Where(parameter => parameter.ParameterName != "idempotency_body"));
            }

            var c = new Dictionary<string, NpgsqlParameter>(StringComparer.Ordinal);
            Add(c, "quota_id", first.QuotaId, NpgsqlDbType.Uuid);
            Add(c, "issuer_id", first.IssuerPartnerId, NpgsqlDbType.Uuid);
            Add(c, "coupon_ids", candidates.Select(c => c.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            Add(c, "face_value", first.FaceValue, NpgsqlDbType.Numeric);
            Add(c, "now", first.IssuedAt, NpgsqlDbType.TimestampTz);

            batch.BatchCommands.Add(decide.Command(p));
            batch.BatchCommands.Add(charge.Command(c));
            await batch.PrepareAsync(cancellationToken);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            IssueOutcome outcome;
            if (await reader.ReadAsync(cancellationToken))
            {
                outcome = new IssueOutcome(
                    reader.IsDBNull(0) ? null : reader.GetString(0),
                    reader.IsDBNull(1) ? [] : reader.GetFieldValue<string[]>(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2));
            }
            else
            {
                outcome = IssueOutcome.QuotaNotFound;
            }

            // Read the deciding statement to its end first, so an error from here on is the charge's
            // (the exception does not name the batch command it came from).
            while (await reader.ReadAsync(cancellationToken))
            {
            }

            atCharge = true;
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
            }

            return outcome;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero && atCharge)
        {
            // The charge found less than the decision counted on: the batch's implicit transaction
            // rolled back. The same error from anywhere else is a fault, not a lost race.
            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (PositionalSql Decide, PositionalSql Charge) Sql(CouponsDbContext db, (bool Whitelisted, bool Linked, bool Granted, bool Keyed, string Channel) variant)
    {
        var (whitelisted, linked, granted, keyed, _) = variant;
        var whitelist = whitelisted
            ? $"""
                   WHEN NOT EXISTS (
                      SELECT 1 FROM whitelists w
                      JOIN whitelist_entries e ON e.partner_id = w.partner_id AND e.version = w.version
                      WHERE w.partner_id = @issuer_id AND e.customer_id = r.customer_id) THEN '{NotWhitelisted}'
              """
            : "";

        // The links are share-locked (FOR SHARE) up to the commit, as ReadModelQueries.HoldActiveLinkAsync
        // does for grants and recalls: a consumer's status UPDATE of a locked link waits for this issue
        // to commit, and a link whose suspension is being committed is waited for and then read as
        // suspended. So no issue commits under a link after its suspension or revocation has committed.
        // Locks come in one order: the links (shared), the idempotency key, the quota (the charge).
        var link = linked ? ActiveLinkHeld("@issuer_id", "@indirect_id") : "";
        var grant = granted ? ActiveLinkHeld("@distributor_id", "@issuer_id") : "";
        var idempotencyValues = IdempotentRequest.Values.Replace("@idempotency_body", "convert_to(a.body, 'UTF8')", StringComparison.Ordinal);
        var key = keyed
            ? $"key_row AS (INSERT INTO idempotency_keys ({IdempotentRequest.Columns}) SELECT {idempotencyValues} FROM answer a),"
            : "";
        var decide = $"""
            WITH requested AS (
                SELECT * FROM unnest(@customer_ids, @coupon_ids, @outbox_ids) WITH ORDINALITY AS r(customer_id, coupon_id, outbox_id, position)
            ),
            links AS MATERIALIZED (
                SELECT true{link}{grant} AS active
            ),
            decision AS MATERIALIZED (
                SELECT CASE
                        WHEN NOT (q.status = 'normal' AND q.valid_from <= @now AND q.expires_at > @now) THEN '{QuotaNotUsable}'
                        WHEN NOT l.active THEN '{ResellerNotLinked}'
                    END AS refusal,
                    floor(q.remaining_amount / @face_value) AS covered
                FROM links l
                JOIN quotas q ON q.id = @quota_id AND q.partner_id = @issuer_id
            ),
            judged AS (
                SELECT r.*, CASE
                       WHEN a.customer_id IS NULL OR NOT a.active OR a.owner_partner_id <> @owner_id THEN '{NotAssociated}'
                       WHEN a.association_type <> 'reseller' THEN '{NotResellerType}'{whitelist}
                    END AS refusal
                FROM requested r
                LEFT JOIN customer_associations a ON a.customer_id = r.customer_id
            ),
            outcome AS MATERIALIZED (
                SELECT j.customer_id, j.coupon_id, j.outbox_id, j.position,
                    CASE
                        WHEN j.refusal IS NOT NULL THEN j.refusal
                        WHEN row_number() OVER (PARTITION BY j.refusal IS NULL ORDER BY j.position) > d.covered THEN '{QuotaInsufficient}'
                    END AS refusal
                FROM judged j, decision d
                WHERE d.refusal IS NULL
            ),
            issued AS MATERIALIZED (
                SELECT * FROM outcome WHERE refusal IS NULL
            ),
            answer AS MATERIALIZED (
                SELECT @answer_open
                    || COALESCE((SELECT string_agg(replace(replace(@issued_entry, '{AnswerFormat.CustomerMark}', i.customer_id::text), '{AnswerFormat.CouponMark}', i.coupon_id::text), ',' ORDER BY i.position) FROM issued i), '')
                    || @answer_between
                    || COALESCE((
                        SELECT string_agg(replace(m.entry, '{AnswerFormat.CustomerMark}', o.customer_id::text), ',' ORDER BY o.position)
                        FROM outcome o JOIN unnest(@refusals, @refusal_entries) AS m(refusal, entry) ON m.refusal = o.refusal), '')
                    || @answer_close AS body
                FROM decision WHERE refusal IS NULL
            ),
            {key}
            coupon_rows AS (
                INSERT INTO coupons (id, coupon_type, source, quota_id, issuer_partner_id, indirect_partner_id, customer_id,
                    face_value, balance, currency, status, valid_from, expires_at, cloud_service_types, product_ids, billing_modes,
                    regions, min_order_amount, max_order_share, issued_by, remark, issued_at, updated_at)
                SELECT i.coupon_id, @coupon_type, @source, @quota_id, @issuer_id, @indirect_id, i.customer_id,
                    @face_value, @face_value, @currency, @status, @valid_from, @expires_at, @cloud_service_types, @product_ids, @billing_modes,
                    @regions, @min_order_amount, @max_order_share, @issued_by, @remark, @now, @now
                FROM issued i
            ),
            ledger_rows AS (
                INSERT INTO coupon_ledger_entries (coupon_id, kind, amount, balance_after, occurred_at)
                SELECT i.coupon_id, @ledger_kind, @face_value, @face_value, @now FROM issued i
            ),
            movement_rows AS (
                INSERT INTO quota_movements (quota_id, kind, amount, coupon_id, occurred_at)
                SELECT @quota_id, @movement_kind, @charge, i.coupon_id, @now FROM issued i
            ),
            record_rows AS (
                INSERT INTO operation_records (partner_id, operation_type, operator_kind, operator_id, quota_id, coupon_id, customer_id,
                    counterpart_partner_id, amount, currency, remark, occurred_at)
                SELECT @issuer_id, @operation_type, @operator_kind, @operator_id, @quota_id, i.coupon_id, i.customer_id,
                    @indirect_id, @face_value, @currency, @remark, @now
                FROM issued i
            ),
            event_rows AS (
                {OutboxStatement.InsertSql(db, onlyWhen: "LATERAL (SELECT 1 FROM issued i WHERE i.outbox_id = e.id) AS issued_event")}
            ),
            notified AS (
                {OutboxStatement.NotifySql(db, onlyWhen: "(SELECT 1 FROM issued LIMIT 1) AS any_issued")}
            )
            SELECT d.refusal,
                (SELECT array_agg(COALESCE(o.refusal, '') ORDER BY o.position) FROM outcome o),
                (SELECT a.body FROM answer a),
                (SELECT count(*) FROM notified)
            FROM decision d
            """;

        // Last, so the quota row is locked only from here to the commit. Dividing by the number of
        // charged rows fails when the quota no longer covers what was issued, which rolls the batch's
        // implicit transaction back; with nothing issued there is nothing to charge.
        const string charge = """
            WITH issued AS (
                SELECT count(*) AS n FROM coupons WHERE id = ANY(@coupon_ids)
            ),
            charged AS (
                UPDATE quotas q SET remaining_amount = q.remaining_amount - @face_value * i.n, updated_at = @now
                FROM issued i
                WHERE i.n > 0 AND q.id = @quota_id AND q.partner_id = @issuer_id AND q.status = 'normal'
                  AND q.valid_from <= @now AND q.expires_at > @now AND q.remaining_amount >= @face_value * i.n
                RETURNING q.id
            )
            SELECT 1 / CASE WHEN (SELECT n FROM issued) = 0 THEN 1 ELSE (SELECT count(*) FROM charged) END
            """;
        return (PositionalSql.Of(decide), PositionalSql.Of(charge));
    }

    private static void Add<T>(Dictionary<string, NpgsqlParameter> parameters, string name, T value, NpgsqlDbType type) =>
        parameters.Add(name, new NpgsqlParameter { NpgsqlDbType = type, Value = (object?)value ?? DBNull.Value });

    private static void Add(Dictionary<string, NpgsqlParameter> parameters, IEnumerable<NpgsqlParameter> named)
    {
        foreach (var parameter in named)
        {
            parameters.Add(parameter.ParameterName, parameter);
        }
    }

    private static string ActiveLinkHeld(string distributor, string reseller) =>
        $"""
         AND EXISTS (
            SELECT 1 FROM reseller_links l
            WHERE l.distributor_partner_id = {distributor} AND l.reseller_partner_id = {reseller} AND l.status = 'active'
            FOR SHARE)
        """;
}

/// <summary>
/// What the issue statement answered: a refusal of the whole call, or per requested customer (in
/// request order) its refusal or "" for a coupon, with the answer's JSON as stored with the key.
/// </summary>
internal sealed record IssueOutcome(string? Refusal, string[] PerCustomer, string? Body)
{
    public const string NotFound = "quota_not_found";

    public static readonly IssueOutcome QuotaNotFound = new(NotFound, [], null);
}

/// <summary>
/// The answer's JSON in the pieces the statement joins, each written by the API's serializer, so
/// the stored answer is byte for byte what the endpoint writes: the envelope around the two lists,
/// an issued entry and an entry per refusal with marks where the ids go.
/// </summary>
internal sealed record AnswerFormat(string Open, string Between, string Close, string IssuedEntry, IReadOnlyDictionary<string, string> RefusalEntries)
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Stands for the customer's id in an entry (no real id is all ones).</summary>
    public const string CustomerMark = "ffffffff-ffff-ffff-ffff-fffffffffff1";

    /// <summary>Stands for the coupon's id in an entry.</summary>
    public const string CouponMark = "ffffffff-ffff-ffff-ffff-fffffffffff2";
}

/// <summary>
/// A statement written with named parameters (<c>@name</c>), numbered once into positional ones
/// (<c>$1</c>, <c>$2</c>, … in order of first use). Npgsql sends a positional statement as it is,
/// where it would parse and rewrite a named one on every execution (a few KiB of SQL per issue).
/// </summary>
internal sealed partial class PositionalSql
{
    private PositionalSql(string text, string[] names)
    {
        Text = text;
        Names = names;
    }

    public string Text { get; }

    /// <summary>The parameter names in the order of their positions.</summary>
    public IReadOnlyList<string> Names { get; }

    public static PositionalSql Of(string namedSql)
    {
        var names = new List<string>();
        var text = NamedParameter().Replace(namedSql, match =>
        {
            var position = names.IndexOf(match.Groups[1].Value);
            if (position < 0)
            {
                names.Add(match.Groups[1].Value);
                position = names.Count - 1;
            }

            return "$" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        return new PositionalSql(text, [.. names]);
    }

    /// <summary>A batch command of this statement with <paramref name="parameters"/> (by name) in their positions.</summary>
    public NpgsqlBatchCommand Command(IReadOnlyDictionary<string, NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(Text);
        foreach (var name in Names)
        {
            var parameter = parameters.TryGetValue(name, out var given)
                ? given
                : throw new InvalidOperationException($"The statement uses @{name}, which was not given.");
            parameter.ParameterName = "";
            command.Parameters.Add(parameter);
        }

        return command;
    }

    [GeneratedRegex("@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex NamedParameter();
}
