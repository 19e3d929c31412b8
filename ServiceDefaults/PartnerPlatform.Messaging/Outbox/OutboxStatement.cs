using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace PartnerPlatform.Messaging.Outbox;

/// <summary>
/// For a statement that writes its outbox rows itself, in the business transaction, instead of
/// through <see cref="IOutbox"/> and <c>SaveChanges</c>: the INSERT (to use as a data-modifying
/// <c>WITH</c> part of a larger statement), its parameters, and the notification the relay waits for.
/// The column list lives here only, next to the table's mapping.
/// </summary>
public static class OutboxStatement
{
    /// <summary>
    /// <c>INSERT INTO outbox_messages (…) SELECT … FROM unnest(@outbox_ids, …)</c> for the rows of
    /// <see cref="Parameters"/>. <paramref name="onlyWhen"/>, when given, is a further FROM item (a
    /// CTE that has a row only when the statement applies), so no row is written otherwise.
    /// </summary>
    public static string InsertSql(DbContext dbContext, string? onlyWhen = null) =>
        $"""
        INSERT INTO {MessagingTables.For(dbContext).Outbox} (id, message_type, payload, trace_parent, created_at, available_at, attempts)
        SELECT e.id, e.message_type, e.payload, e.trace_parent, e.created_at, e.created_at, 0
        FROM unnest(@outbox_ids, @outbox_message_types, @outbox_payloads, @outbox_trace_parents, @outbox_created_at)
            AS e(id, message_type, payload, trace_parent, created_at){(onlyWhen is null ? "" : ", " + onlyWhen)}
        """;

    /// <summary>The parameters of <see cref="InsertSql"/> for <paramref name="messages"/> (from <see cref="OutboxMessage.For"/>).</summary>
    public static NpgsqlParameter[] Parameters(IReadOnlyList<OutboxMessage> messages) =>
    [
        new("outbox_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = messages.Select(m => m.Id).ToArray() },
        new("outbox_message_types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.MessageType).ToArray() },
        new("outbox_payloads", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = messages.Select(m => m.Payload).ToArray() },
        new("outbox_trace_parents", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.TraceParent).ToArray() },
        new("outbox_created_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = messages.Select(m => m.CreatedAt).ToArray() },
    ];

    /// <summary>
    /// <c>SELECT pg_notify(channel, '')</c>: run it in the transaction that wrote the rows, as
    /// <c>SaveChanges</c> does, so the relay publishes them at once instead of at its next poll.
    /// <paramref name="onlyWhen"/> as in <see cref="InsertSql"/>.
    /// </summary>
    public static string NotifySql(DbContext dbContext, string? onlyWhen = null) =>
        $"SELECT pg_notify('{dbContext.OutboxNotifyChannel()}', ''){(onlyWhen is null ? "" : " FROM " + onlyWhen)}";
}
