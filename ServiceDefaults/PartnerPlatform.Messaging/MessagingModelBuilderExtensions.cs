using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging.Inbox;
using PartnerPlatform.Messaging.Outbox;

namespace PartnerPlatform.Messaging;

/// <summary>Maps the outbox and inbox tables into a service's own DbContext (call from <c>OnModelCreating</c>).</summary>
public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    public static ModelBuilder AddOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id).HasName("pk_outbox_messages");
            outbox.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(500);
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(100);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.AvailableAt).HasColumnName("available_at");
            outbox.Property(m => m.SentAt).HasColumnName("sent_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error");

            // The relay claims unsent rows in id (= time) order; the cleaner deletes old sent rows.
            outbox.HasIndex(m => m.Id).HasDatabaseName("ix_outbox_messages_unsent").HasFilter("sent_at IS NULL");
            outbox.HasIndex(m => m.SentAt).HasDatabaseName("ix_outbox_messages_sent_at").HasFilter("sent_at IS NOT NULL");
        });
        return modelBuilder;
    }

    public static ModelBuilder AddInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer }).HasName("pk_inbox_messages");
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(300);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
            inbox.HasIndex(m => m.ProcessedAt).HasDatabaseName("ix_inbox_messages_processed_at");
        });
        return modelBuilder;
    }
}
