using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The tables of the facts several services keep from identity-api's and resellers-api's events, laid
/// out the same way wherever they are kept. Each service has its own entity class (only the columns
/// it reads); these name the table, key and index columns the classes share.
/// </summary>
public static class IdentityFactTables
{
    /// <summary><c>partner_programmes</c>: one row per partner and programme (<c>PartnerId</c>, <c>Programme</c>).</summary>
    public static EntityTypeBuilder<T> AsPartnerProgrammes<T>(this EntityTypeBuilder<T> programme)
        where T : class
    {
        programme.ToTable("partner_programmes");
        programme.HasKey("PartnerId", "Programme");
        programme.Property<string>("Programme").HasMaxLength(32);
        return programme;
    }

    /// <summary><c>customer_associations</c>: a customer's one partner (<c>CustomerId</c>), found by <c>OwnerPartnerId</c>.</summary>
    public static EntityTypeBuilder<T> AsCustomerAssociations<T>(this EntityTypeBuilder<T> association)
        where T : class
    {
        association.ToTable("customer_associations");
        association.HasKey("CustomerId");
        association.Property<Guid>("CustomerId").ValueGeneratedNever();
        association.HasIndex("OwnerPartnerId");
        return association;
    }

    /// <summary><c>reseller_links</c>: a distributor ↔ reseller link (<c>LinkId</c>) and its <c>Status</c>.</summary>
    public static EntityTypeBuilder<T> AsResellerLinks<T>(this EntityTypeBuilder<T> link)
        where T : class
    {
        link.ToTable("reseller_links");
        link.HasKey("LinkId");
        link.Property<Guid>("LinkId").ValueGeneratedNever();
        link.Property<string>("Status").HasMaxLength(16);
        link.HasIndex("DistributorPartnerId", "ResellerPartnerId");
        return link;
    }
}
