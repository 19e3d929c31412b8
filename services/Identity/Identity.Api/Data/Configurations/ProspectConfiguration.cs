using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class ProspectConfiguration : IEntityTypeConfiguration<Prospect>
{
    public void Configure(EntityTypeBuilder<Prospect> prospect)
    {
        prospect.ToTable("prospects");
        prospect.Property(p => p.CompanyName).HasMaxLength(200);
        prospect.Property(p => p.ContactName).HasMaxLength(100);
        prospect.Property(p => p.MobilePhone).HasMaxLength(32);
        prospect.Property(p => p.Email).HasMaxLength(Rules.EmailMaxLength);
        prospect.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
        prospect.HasIndex(p => new { p.PartnerId, p.CreatedAt });
    }
}

internal sealed class ProspectClaimConfiguration : IEntityTypeConfiguration<ProspectClaim>
{
    public void Configure(EntityTypeBuilder<ProspectClaim> claim)
    {
        claim.ToTable("prospect_claims");
        claim.HasKey(c => c.ClaimKey);
        claim.Property(c => c.ClaimKey).HasMaxLength(300);
        claim.HasIndex(c => c.ProspectId);
    }
}
