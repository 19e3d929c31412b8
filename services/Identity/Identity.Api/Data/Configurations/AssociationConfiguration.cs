using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Identity.Api.Data.Configurations;

internal sealed class AssociationConfiguration : IEntityTypeConfiguration<Association>
{
    public void Configure(EntityTypeBuilder<Association> association)
    {
        association.ToTable("associations");
        association.Property(a => a.Version).IsRowVersion().HasColumnName("xmin");
        // A customer has at most one partner at a time: the database settles races.
        association.HasIndex(a => a.CustomerId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName(IdentityDbContext.OpenAssociationIndex);
        association.HasIndex(a => new { a.PartnerId, a.AssociatedAt }).HasFilter("ended_at IS NULL");
        association.HasIndex(a => a.DistributorId).HasFilter("ended_at IS NULL AND distributor_id IS NOT NULL");
    }
}
