using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class MemberInvitationConfiguration : IEntityTypeConfiguration<MemberInvitation>
{
    public void Configure(EntityTypeBuilder<MemberInvitation> invitation)
    {
        invitation.ToTable("member_invitations");
        invitation.Property(i => i.Address).HasMaxLength(Rules.EmailMaxLength);
        invitation.Property(i => i.Version).IsRowVersion().HasColumnName("xmin");
        invitation.HasIndex(i => new { i.PartnerId, i.Address, i.ExpiresAt });
        invitation.HasIndex(i => new { i.InvitedBy, i.CreatedAt });
    }
}
