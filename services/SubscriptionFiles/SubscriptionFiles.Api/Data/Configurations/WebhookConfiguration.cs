using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.Property(e => e.Id).ValueGeneratedNever();
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Description).HasMaxLength(256);
        endpoint.Property(e => e.PausedReason).HasMaxLength(512);
        endpoint.Property(e => e.Secret).HasMaxLength(64);
        endpoint.Property(e => e.PreviousSecret).HasMaxLength(64);
        endpoint.Property(e => e.CreatedBy).HasMaxLength(64);
        endpoint.Ignore(e => e.State);
        endpoint.HasIndex(e => new { e.PartnerId, e.CreatedAt });
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.EventType).HasMaxLength(64);
        delivery.Property(d => d.LastError).HasMaxLength(1024);
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // Exactly one first delivery of an event per endpoint, whatever the bus redelivers; replays are rows of their own.
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique().HasFilter("replay_of IS NULL");
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'");
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.ToTable("webhook_attempts");
        attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
        attempt.Property(a => a.ResponseExcerpt).HasMaxLength(2048);
        attempt.Property(a => a.Error).HasMaxLength(1024);
        attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasIndex(a => new { a.DeliveryId, a.Number });
    }
}

internal sealed class WebhookAuditEntryConfiguration : IEntityTypeConfiguration<WebhookAuditEntry>
{
    public void Configure(EntityTypeBuilder<WebhookAuditEntry> entry)
    {
        entry.ToTable("webhook_audit_entries");
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.Actor).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(2048);
        entry.HasIndex(e => new { e.PartnerId, e.Id });
    }
}
