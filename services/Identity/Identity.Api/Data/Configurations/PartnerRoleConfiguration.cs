using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class PartnerRoleConfiguration : IEntityTypeConfiguration<PartnerRole>
{
    public void Configure(EntityTypeBuilder<PartnerRole> role)
    {
        role.ToTable("partner_roles");
        role.Property(r => r.Name).HasMaxLength(64);
        role.HasIndex(r => new { r.PartnerId, r.Name }).IsUnique();
    }
}

internal sealed class MemberRoleConfiguration : IEntityTypeConfiguration<MemberRole>
{
    public void Configure(EntityTypeBuilder<MemberRole> memberRole)
    {
        memberRole.ToTable("member_roles");
        memberRole.HasKey(m => new { m.AccountId, m.RoleId });
        memberRole.HasIndex(m => m.RoleId);
    }
}
