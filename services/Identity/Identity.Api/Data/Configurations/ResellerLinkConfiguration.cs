using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class ResellerLinkConfiguration : IEntityTypeConfiguration<ResellerLink>
{
    public void Configure(EntityTypeBuilder<ResellerLink> link)
    {
        link.ToTable("reseller_links");
        link.HasKey(l => l.LinkId);
        link.Property(l => l.LinkId).ValueGeneratedNever();
        link.HasIndex(l => new { l.DistributorId, l.ResellerId });
    }
}
