using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class CustomerInvitationConfiguration : IEntityTypeConfiguration<CustomerInvitation>
{
    public void Configure(EntityTypeBuilder<CustomerInvitation> invitation)
    {
        invitation.ToTable("customer_invitations");
        invitation.Property(i => i.Version).IsRowVersion().HasColumnName("xmin");
        invitation.HasIndex(i => new { i.PartnerId, i.CreatedAt });
        invitation.HasIndex(i => i.ProspectId);
    }
}
