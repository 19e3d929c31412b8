using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coupons.Api.Data.Configurations;

internal sealed class CustomerAssociationConfiguration : IEntityTypeConfiguration<CustomerAssociation>
{
    public void Configure(EntityTypeBuilder<CustomerAssociation> association)
    {
        association.ToTable("customer_associations");
        association.HasKey(a => a.CustomerId);
        association.Property(a => a.CustomerId).ValueGeneratedNever();
        association.Property(a => a.AssociationType).HasMaxLength(16);
        association.HasIndex(a => a.OwnerPartnerId);
    }
}

internal sealed class ResellerLinkConfiguration : IEntityTypeConfiguration<ResellerLink>
{
    public void Configure(EntityTypeBuilder<ResellerLink> link)
    {
        link.ToTable("reseller_links");
        link.HasKey(l => l.LinkId);
        link.Property(l => l.LinkId).ValueGeneratedNever();
        link.Property(l => l.Status).HasMaxLength(16);
        link.HasIndex(l => new { l.DistributorPartnerId, l.ResellerPartnerId });
    }
}

internal sealed class PartnerProgrammeConfiguration : IEntityTypeConfiguration<PartnerProgramme>
{
    public void Configure(EntityTypeBuilder<PartnerProgramme> programme)
    {
        programme.ToTable("partner_programmes");
        programme.HasKey(p => new { p.PartnerId, p.Programme });
        programme.Property(p => p.Programme).HasMaxLength(32);
    }
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
