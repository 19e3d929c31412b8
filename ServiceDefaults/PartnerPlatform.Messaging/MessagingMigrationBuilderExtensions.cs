using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerPlatform.Messaging;

/// <summary>
/// The outbox and inbox tables for hand-written migrations (there is no <c>dotnet ef</c>, see ADR 0010).
/// They create exactly what <see cref="MessagingModelBuilderExtensions"/> maps.
/// </summary>
public static class MessagingMigrationBuilderExtensions
{
    public static MigrationBuilder CreateOutboxTable(this MigrationBuilder migrationBuilder, string? schema = null)
    {
        const string table = MessagingModelBuilderExtensions.OutboxTable;
        migrationBuilder.CreateTable(
            name: table,
            schema: schema,
            columns: t => new
            {
                id = t.Column<Guid>(type: "uuid", nullable: false),
                message_type = t.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                payload = t.Column<string>(type: "jsonb", nullable: false),
                trace_parent = t.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                created_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                available_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                sent_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                attempts = t.Column<int>(type: "integer", nullable: false),
                last_error = t.Column<string>(type: "text", nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_outbox_messages", x => x.id));
        migrationBuilder.CreateIndex("ix_outbox_messages_unsent", table, "id", schema, filter: "sent_at IS NULL");
        migrationBuilder.CreateIndex("ix_outbox_messages_sent_at", table, "sent_at", schema, filter: "sent_at IS NOT NULL");
        return migrationBuilder;
    }

    public static MigrationBuilder CreateInboxTable(this MigrationBuilder migrationBuilder, string? schema = null)
    {
        const string table = MessagingModelBuilderExtensions.InboxTable;
        migrationBuilder.CreateTable(
            name: table,
            schema: schema,
            columns: t => new
            {
                message_id = t.Column<Guid>(type: "uuid", nullable: false),
                consumer = t.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                processed_at = t.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_inbox_messages", x => new { x.message_id, x.consumer }));
        migrationBuilder.CreateIndex("ix_inbox_messages_processed_at", table, "processed_at", schema);
        return migrationBuilder;
    }
}
