using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data.Configurations;

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable("deliveries");
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Period).HasMaxLength(32);
        delivery.Property(d => d.ManifestKey).HasMaxLength(512);
        delivery.Property(d => d.LastError).HasMaxLength(1024);
        delivery.Ignore(d => d.PeriodRange);

        // Exactly one delivery per (partner, content, period), however many instances schedule it.
        delivery.HasIndex(d => new { d.PartnerId, d.Content, d.PeriodStart }).IsUnique();
        delivery.HasIndex(d => new { d.PartnerId, d.CreatedAt });
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status IN ('pending', 'retrying')");
    }
}
