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
    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<PartnerProgramme> PartnerProgrammes => Set<PartnerProgramme>();

    public DbSet<PartnerCapabilityTag> PartnerCapabilityTags => Set<PartnerCapabilityTag>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<AccountKind>().HaveConversion<SnakeCaseEnumConverter<AccountKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<VendorRole>().HaveConversion<SnakeCaseEnumConverter<VendorRole>>().HaveMaxLength(32);
        configurationBuilder.Properties<Programme>().HaveConversion<SnakeCaseEnumConverter<Programme>>().HaveMaxLength(32);
        configurationBuilder.Properties<ProgrammeStatus>().HaveConversion<SnakeCaseEnumConverter<ProgrammeStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<PathStage>().HaveConversion<SnakeCaseEnumConverter<PathStage>>().HaveMaxLength(32);
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

        builder.AddOutbox();
        builder.AddInbox();
        builder.UseSnakeCaseNames();
    }
}
