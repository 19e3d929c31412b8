using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Opportunities.Api.Domain;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Data.Configurations;

internal sealed class PartnerFactsConfiguration : IEntityTypeConfiguration<PartnerFacts>
{
    public void Configure(EntityTypeBuilder<PartnerFacts> partner)
    {
        partner.ToTable("partner_facts");
        partner.HasKey(p => p.PartnerId);
        partner.Property(p => p.PartnerId).ValueGeneratedNever();
        partner.Property(p => p.PathStage).HasMaxLength(32);
    }
}

internal sealed class PartnerProgrammeConfiguration : IEntityTypeConfiguration<PartnerProgramme>
{
    public void Configure(EntityTypeBuilder<PartnerProgramme> programme) => programme.AsPartnerProgrammes();
}

internal sealed class CustomerAssociationConfiguration : IEntityTypeConfiguration<CustomerAssociation>
{
    public void Configure(EntityTypeBuilder<CustomerAssociation> association) => association.AsCustomerAssociations();
}

internal sealed class CustomerAuthorisationConfiguration : IEntityTypeConfiguration<CustomerAuthorisation>
{
    public void Configure(EntityTypeBuilder<CustomerAuthorisation> authorisation)
    {
        authorisation.ToTable("customer_authorisations");
        authorisation.HasKey(a => new { a.PartnerId, a.CustomerId, a.Purpose });
        authorisation.Property(a => a.Purpose).HasMaxLength(32);
    }
}

internal sealed class ResellerLinkConfiguration : IEntityTypeConfiguration<ResellerLink>
{
    public void Configure(EntityTypeBuilder<ResellerLink> link) => link.AsResellerLinks();
}
