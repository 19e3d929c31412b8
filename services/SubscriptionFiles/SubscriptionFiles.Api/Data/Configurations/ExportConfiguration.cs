using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Data.Configurations;

internal sealed class ExportConfiguration : IEntityTypeConfiguration<Export>
{
    public void Configure(EntityTypeBuilder<Export> export)
    {
        export.ToTable("exports");
        export.Property(e => e.Id).ValueGeneratedNever();
        export.Property(e => e.RequestedBy).HasMaxLength(64);
        export.Property(e => e.FileName).HasMaxLength(128);
        export.Property(e => e.Error).HasMaxLength(1024);
        export.HasIndex(e => new { e.PartnerId, e.RequestedAt });
        export.HasIndex(e => e.RequestedAt).HasFilter("status = 'pending'");
    }
}
