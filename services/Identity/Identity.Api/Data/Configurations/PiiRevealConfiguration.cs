using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class PiiRevealConfiguration : IEntityTypeConfiguration<PiiReveal>
{
    public void Configure(EntityTypeBuilder<PiiReveal> reveal)
    {
        reveal.ToTable("pii_reveals");
        reveal.Property(r => r.Field).HasMaxLength(32);
        reveal.HasIndex(r => new { r.CustomerId, r.RevealedAt });
        reveal.HasIndex(r => new { r.PartnerId, r.RevealedAt });
    }
}
