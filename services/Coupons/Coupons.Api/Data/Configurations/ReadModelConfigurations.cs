using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Data.Configurations;

internal sealed class CustomerAssociationConfiguration : IEntityTypeConfiguration<CustomerAssociation>
{
    public void Configure(EntityTypeBuilder<CustomerAssociation> association) =>
        association.AsCustomerAssociations().Property(a => a.AssociationType).HasMaxLength(16);
}

internal sealed class ResellerLinkConfiguration : IEntityTypeConfiguration<ResellerLink>
{
    public void Configure(EntityTypeBuilder<ResellerLink> link) => link.AsResellerLinks();
}

internal sealed class PartnerProgrammeConfiguration : IEntityTypeConfiguration<PartnerProgramme>
{
    public void Configure(EntityTypeBuilder<PartnerProgramme> programme) => programme.AsPartnerProgrammes();
}

internal sealed class PartnerPathStageConfiguration : IEntityTypeConfiguration<PartnerPathStage>
{
    public void Configure(EntityTypeBuilder<PartnerPathStage> stage)
    {
        stage.ToTable("partner_path_stages");
        stage.HasKey(s => s.PartnerId);
        stage.Property(s => s.PartnerId).ValueGeneratedNever();
        stage.Property(s => s.Stage).HasMaxLength(32);
    }
}
