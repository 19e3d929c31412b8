using Incentives.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Incentives.Api.Data.Configurations;

internal sealed class PartnerProfileConfiguration : IEntityTypeConfiguration<PartnerProfile>
{
    public void Configure(EntityTypeBuilder<PartnerProfile> profile)
    {
        profile.ToTable("partner_profiles");
        profile.HasKey(p => p.PartnerId);
        profile.Property(p => p.PartnerId).ValueGeneratedNever();
        profile.Property(p => p.PathStage).HasMaxLength(32);
        profile.Property(p => p.CapabilityTags).HasColumnType("text[]");
        profile.Ignore(p => p.QualifiesForFh);
    }
}
