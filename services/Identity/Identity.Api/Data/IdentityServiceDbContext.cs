using Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;

namespace Identity.Api.Data;

/// <summary>The service's own database (<c>identitydb</c>): accounts, partners, customers and association, plus the outbox and inbox.</summary>
public sealed class IdentityServiceDbContext(DbContextOptions<IdentityServiceDbContext> options)
    : IdentityUserContext<Account, Guid>(options)
{
    public const string OpenAssociationIndex = "ux_associations_open_customer";

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<PartnerProgramme> PartnerProgrammes => Set<PartnerProgramme>();

    public DbSet<PartnerCapabilityTag> PartnerCapabilityTags => Set<PartnerCapabilityTag>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Association> Associations => Set<Association>();

    public DbSet<ResellerLink> ResellerLinks => Set<ResellerLink>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<AccountKind>().HaveConversion<SnakeCaseEnumConverter<AccountKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<VendorRole>().HaveConversion<SnakeCaseEnumConverter<VendorRole>>().HaveMaxLength(32);
        configurationBuilder.Properties<Programme>().HaveConversion<SnakeCaseEnumConverter<Programme>>().HaveMaxLength(32);
        configurationBuilder.Properties<ProgrammeStatus>().HaveConversion<SnakeCaseEnumConverter<ProgrammeStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<PathStage>().HaveConversion<SnakeCaseEnumConverter<PathStage>>().HaveMaxLength(32);
        configurationBuilder.Properties<AssociationStatus>().HaveConversion<SnakeCaseEnumConverter<AssociationStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<AssociationType>().HaveConversion<SnakeCaseEnumConverter<AssociationType>>().HaveMaxLength(32);
        configurationBuilder.Properties<AssociationSource>().HaveConversion<SnakeCaseEnumConverter<AssociationSource>>().HaveMaxLength(32);
        configurationBuilder.Properties<ResellerLinkStatus>().HaveConversion<SnakeCaseEnumConverter<ResellerLinkStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<DisassociationRequester>().HaveConversion<SnakeCaseEnumConverter<DisassociationRequester>>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            account.Property(a => a.DisplayName).HasMaxLength(128);
            account.Property(a => a.Region).HasMaxLength(32);
            account.HasIndex(a => a.PartnerId);
            account.HasIndex(a => a.CustomerId);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("account_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("account_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("account_tokens");

        builder.Entity<Partner>(partner =>
        {
            partner.ToTable("partners");
            partner.Property(p => p.CompanyName).HasMaxLength(200);
            partner.Property(p => p.Email).HasMaxLength(254);
            partner.Property(p => p.MobilePhone).HasMaxLength(32);
            partner.Property(p => p.Region).HasMaxLength(32);
            partner.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
            partner.HasIndex(p => p.CreatedAt);
            partner.HasMany(p => p.Programmes).WithOne().HasForeignKey(p => p.PartnerId);
            partner.HasMany(p => p.CapabilityTags).WithOne().HasForeignKey(t => t.PartnerId);
        });

        builder.Entity<PartnerProgramme>(programme =>
        {
            programme.ToTable("partner_programmes");
            programme.HasIndex(p => new { p.PartnerId, p.Programme });
            programme.HasIndex(p => p.ExpiresAt).HasFilter("status = 'active' AND expires_at IS NOT NULL");
        });

        builder.Entity<PartnerCapabilityTag>(tag =>
        {
            tag.ToTable("partner_capability_tags");
            tag.HasKey(t => new { t.PartnerId, t.Tag });
            tag.Property(t => t.Tag).HasMaxLength(64);
        });

        builder.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.AccountName).HasMaxLength(Rules.AccountNameMaxLength);
            customer.Property(c => c.DisplayName).HasMaxLength(200);
            customer.Property(c => c.Email).HasMaxLength(Rules.EmailMaxLength);
            customer.Property(c => c.MobilePhone).HasMaxLength(32);
            customer.Property(c => c.XAccountId).HasMaxLength(128);
            customer.Property(c => c.XAccountType).HasMaxLength(64);
            customer.Property(c => c.RequestHash).HasMaxLength(64);
            customer.Property(c => c.AssociationFailure).HasMaxLength(64);
            customer.HasIndex(c => new { c.CreatedByPartnerId, c.XAccountId }).IsUnique().HasFilter("x_account_id IS NOT NULL");
            customer.HasIndex(c => c.AccountName).IsUnique();
            customer.HasIndex(c => c.Email);
            customer.HasIndex(c => c.MobilePhone);
        });

        builder.Entity<Association>(association =>
        {
            association.ToTable("associations");
            association.Property(a => a.Version).IsRowVersion().HasColumnName("xmin");
            // A customer has at most one partner at a time: the database settles races.
            association.HasIndex(a => a.CustomerId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName(OpenAssociationIndex);
            association.HasIndex(a => new { a.PartnerId, a.AssociatedAt }).HasFilter("ended_at IS NULL");
            association.HasIndex(a => a.DistributorId).HasFilter("ended_at IS NULL AND distributor_id IS NOT NULL");
        });

        builder.Entity<ResellerLink>(link =>
        {
            link.ToTable("reseller_links");
            link.HasKey(l => l.LinkId);
            link.Property(l => l.LinkId).ValueGeneratedNever();
            link.HasIndex(l => new { l.DistributorId, l.ResellerId });
        });

        builder.AddOutbox();
        builder.AddInbox();
        builder.UseSnakeCaseNames();
    }
}
