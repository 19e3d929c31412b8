using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The <c>Idempotency-Key</c> of a request to an endpoint marked
/// <see cref="IdempotencyExtensions.WithTransactionalIdempotency{TBuilder}"/>, for its handler to
/// write together with its response in the transaction of its business change:
/// <list type="number">
/// <item>build the response (<see cref="Json{T}"/>),</item>
/// <item>insert <see cref="InsertSql"/> (or <see cref="InsertFromSql"/> inside a larger statement)
/// with <see cref="Parameters"/> in the same transaction as the change,</item>
/// <item>after the commit, call <see cref="MarkStored"/>.</item>
/// </list>
/// A concurrent request with the same key then fails that insert with a unique violation on
/// <c>idempotency_keys</c>, its whole transaction rolls back, and the filter answers with the stored
/// response instead. A handler that answers without storing (a failure, or a success with nothing to
/// commit) leaves the storing of 2xx responses to the filter.
/// </summary>
public sealed class IdempotentRequest
{
    /// <summary>The columns <see cref="Values"/> fills, in order.</summary>
    public const string Columns = "scope, key, request_hash, status_code, content_type, location, body, created_at, expires_at";

    /// <summary>The parameters of <see cref="Parameters"/>, in the order of <see cref="Columns"/>.</summary>
    public const string Values =
        "@idempotency_scope, @idempotency_key, @idempotency_request_hash, @idempotency_status_code, @idempotency_content_type, "
        + "@idempotency_location, @idempotency_body, @idempotency_created_at, @idempotency_expires_at";

    /// <summary>Inserts the key with its response; fails with a unique violation when the key is taken.</summary>
    public const string InsertSql = "INSERT INTO idempotency_keys (" + Columns + ") VALUES (" + Values + ")";

    /// <summary>
    /// Replaces the response stored with this request's key (inserted earlier in the same
    /// transaction), e.g. when fewer items succeeded than the reserved answer said. Same parameters.
    /// </summary>
    public const string UpdateResponseSql =
        "UPDATE idempotency_keys SET (status_code, content_type, location, body, created_at, expires_at) = "
        + "(@idempotency_status_code, @idempotency_content_type, @idempotency_location, @idempotency_body, @idempotency_created_at, @idempotency_expires_at) "
        + "WHERE scope = @idempotency_scope AND key = @idempotency_key AND request_hash = @idempotency_request_hash";

    /// <summary>
    /// <see cref="InsertSql"/> as a data-modifying <c>WITH</c> part of a larger statement: one row
    /// for each row of <paramref name="from"/> (a CTE with one row when the statement applies).
    /// </summary>
    public static string InsertFromSql(string from) => $"INSERT INTO idempotency_keys ({Columns}) SELECT {Values} FROM {from}";

    private readonly HttpContext _http;

    internal IdempotentRequest(string scope, string key, string requestHash, DateTimeOffset createdAt, DateTimeOffset expiresAt, HttpContext http)
    {
        Scope = scope;
        Key = key;
        RequestHash = requestHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        _http = http;
    }

    public string Scope { get; }

    public string Key { get; }

    public string RequestHash { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The response the handler committed with the key; the filter sends exactly these bytes.</summary>
    public StoredResponse? Stored { get; private set; }

    /// <summary>
    /// <paramref name="value"/> as the endpoint's JSON result would write it (the application's HTTP
    /// JSON options, <c>application/json; charset=utf-8</c>).
    /// </summary>
    public StoredResponse Json<T>(T value, int statusCode = StatusCodes.Status200OK)
    {
        var options = _http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new StoredResponse(statusCode, "application/json; charset=utf-8", null, JsonSerializer.SerializeToUtf8Bytes(value, options));
    }

    /// <summary>The parameters of <see cref="Values"/> for <paramref name="response"/> (a new set on each call).</summary>
    public NpgsqlParameter[] Parameters(StoredResponse response) =>
    [
        new("idempotency_scope", NpgsqlDbType.Text) { Value = Scope },
        new("idempotency_key", NpgsqlDbType.Text) { Value = Key },
        new("idempotency_request_hash", NpgsqlDbType.Text) { Value = RequestHash },
        new("idempotency_status_code", NpgsqlDbType.Integer) { Value = response.StatusCode },
        new("idempotency_content_type", NpgsqlDbType.Text) { Value = (object?)response.ContentType ?? DBNull.Value },
        new("idempotency_location", NpgsqlDbType.Text) { Value = (object?)response.Location ?? DBNull.Value },
        new("idempotency_body", NpgsqlDbType.Bytea) { Value = response.Body },
        new("idempotency_created_at", NpgsqlDbType.TimestampTz) { Value = CreatedAt },
        new("idempotency_expires_at", NpgsqlDbType.TimestampTz) { Value = ExpiresAt },
    ];

    /// <summary>Call once the transaction that inserted the key with <paramref name="response"/> has committed.</summary>
    public void MarkStored(StoredResponse response) => Stored = response;
}

public static class IdempotentRequestExtensions
{
    /// <summary>The request's key on an endpoint marked <c>WithTransactionalIdempotency()</c>; null otherwise or without a key.</summary>
    public static IdempotentRequest? GetIdempotentRequest(this HttpContext http) => http.Features.Get<IdempotentRequest>();

    /// <summary>
    /// True for the unique violation of another request with the same key committing first; the
    /// filter then answers with that request's stored response.
    /// </summary>
    internal static bool IsKeyTaken(this Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "idempotency_keys" })
            {
                return true;
            }
        }

        return false;
    }
}
