using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Resellers.Api.Domain;

namespace Resellers.Api.Data.Configurations;

internal sealed class JoinFactsConfiguration : IEntityTypeConfiguration<JoinFacts>
{
    public void Configure(EntityTypeBuilder<JoinFacts> facts)
    {
        facts.ToTable("join_facts");
        facts.HasKey(f => f.PartnerId);
        facts.Property(f => f.PartnerId).ValueGeneratedNever();
        facts.Property(f => f.Note).HasMaxLength(500);
        facts.Property(f => f.Version).IsRowVersion().HasColumnName("xmin");
    }
}
