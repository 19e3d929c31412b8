using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Resellers.Api.Domain;

namespace Resellers.Api.Data.Configurations;

internal sealed class KnownPartnerConfiguration : IEntityTypeConfiguration<KnownPartner>
{
    public void Configure(EntityTypeBuilder<KnownPartner> partner)
    {
        partner.ToTable("known_partners");
        partner.HasKey(p => p.Id);
        partner.Property(p => p.Id).ValueGeneratedNever();
        partner.Property(p => p.CompanyName).HasMaxLength(200);
        partner.Property(p => p.Region).HasMaxLength(32);
    }
}

internal sealed class KnownProgrammeConfiguration : IEntityTypeConfiguration<KnownProgramme>
{
    public void Configure(EntityTypeBuilder<KnownProgramme> programme)
    {
        programme.ToTable("known_programmes");
        programme.HasKey(p => new { p.PartnerId, p.Programme });
        programme.Property(p => p.Programme).HasMaxLength(32);
    }
}

internal sealed class KnownCustomerAssociationConfiguration : IEntityTypeConfiguration<KnownCustomerAssociation>
{
    public void Configure(EntityTypeBuilder<KnownCustomerAssociation> association)
    {
        association.ToTable("known_customer_associations");
        association.HasKey(a => a.Id);
        association.Property(a => a.Id).ValueGeneratedNever();
        association.HasIndex(a => a.CustomerId).IsUnique().HasFilter("disassociated_at IS NULL");
        association.HasIndex(a => new { a.OwnerPartnerId, a.AssociatedAt });
    }
}

internal sealed class KnownCouponRedemptionConfiguration : IEntityTypeConfiguration<KnownCouponRedemption>
{
    public void Configure(EntityTypeBuilder<KnownCouponRedemption> redemption)
    {
        redemption.ToTable("known_coupon_redemptions");
        redemption.HasKey(r => r.Id);
        redemption.Property(r => r.Id).ValueGeneratedNever();
        redemption.Property(r => r.OrderId).HasMaxLength(128);
        redemption.HasIndex(r => new { r.ResellerPartnerId, r.RedeemedAt });
    }
}
