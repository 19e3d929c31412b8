using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;

namespace PartnerPlatform.Messaging;

/// <summary>Where a DbContext keeps its outbox and inbox (schema-qualified, quoted) and the outbox's notification channel.</summary>
internal sealed record MessagingTables(string Outbox, string? Inbox, string NotifyChannel)
{
    // A model lives as long as its DbContext type is used, and every save with events, relay poll
    // and consumed message asks for its tables: work them out once per model.
    private static readonly ConditionalWeakTable<IModel, MessagingTables> Known = [];

    public static MessagingTables For(IModel model) => Known.GetValue(model, Describe);

    private static MessagingTables Describe(IModel model)
    {
        var outbox = model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException(
                "The DbContext has no outbox table: call modelBuilder.AddOutbox() in its OnModelCreating.");
        var inbox = model.FindEntityType(typeof(InboxMessage));
        var schema = outbox.GetSchema();
        var table = outbox.GetTableName()!;
        return new MessagingTables(
            Qualify(schema, table),
            inbox is null ? null : Qualify(inbox.GetSchema(), inbox.GetTableName()!),
            schema is null ? table : $"{schema}_{table}");
    }

    public static MessagingTables For(DbContext dbContext) => For(dbContext.Model);

    private static string Qualify(string? schema, string table) =>
        schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
