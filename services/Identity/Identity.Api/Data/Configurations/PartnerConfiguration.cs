using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> partner)
    {
        partner.ToTable("partners");
        partner.Property(p => p.CompanyName).HasMaxLength(200);
        partner.Property(p => p.Email).HasMaxLength(254);
        partner.Property(p => p.MobilePhone).HasMaxLength(32);
        partner.Property(p => p.Region).HasMaxLength(32);
        partner.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        partner.HasIndex(p => p.CreatedAt);
        partner.HasMany(p => p.Programmes).WithOne().HasForeignKey(p => p.PartnerId);
        partner.HasMany(p => p.CapabilityTags).WithOne().HasForeignKey(t => t.PartnerId);
    }
}

internal sealed class PartnerProgrammeConfiguration : IEntityTypeConfiguration<PartnerProgramme>
{
    public void Configure(EntityTypeBuilder<PartnerProgramme> programme)
    {
        programme.ToTable("partner_programmes");
        // One active membership per programme: concurrent joins cannot both succeed.
        programme.HasIndex(p => new { p.PartnerId, p.Programme }).IsUnique().HasFilter("status = 'active'");
        programme.HasIndex(p => p.ExpiresAt).HasFilter("status = 'active' AND expires_at IS NOT NULL");
    }
}

internal sealed class PartnerCapabilityTagConfiguration : IEntityTypeConfiguration<PartnerCapabilityTag>
{
    public void Configure(EntityTypeBuilder<PartnerCapabilityTag> tag)
    {
        tag.ToTable("partner_capability_tags");
        tag.HasKey(t => new { t.PartnerId, t.Tag });
        tag.Property(t => t.Tag).HasMaxLength(64);
    }
}
