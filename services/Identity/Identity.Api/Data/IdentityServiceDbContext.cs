using Identity.Api.Domain;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;

namespace Identity.Api.Data;

/// <summary>The service's own database (<c>identitydb</c>): accounts, partners, customers and association, plus the outbox and inbox.</summary>
public sealed class IdentityServiceDbContext(DbContextOptions<IdentityServiceDbContext> options)
    : IdentityUserContext<Account, Guid>(options), IDataProtectionKeyContext
{
    public const string OpenAssociationIndex = "ux_associations_open_customer";

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<PartnerProgramme> PartnerProgrammes => Set<PartnerProgramme>();

    public DbSet<PartnerCapabilityTag> PartnerCapabilityTags => Set<PartnerCapabilityTag>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Association> Associations => Set<Association>();

    public DbSet<ResellerLink> ResellerLinks => Set<ResellerLink>();

    public DbSet<Prospect> Prospects => Set<Prospect>();

    public DbSet<ProspectClaim> ProspectClaims => Set<ProspectClaim>();

    public DbSet<CustomerInvitation> CustomerInvitations => Set<CustomerInvitation>();

    public DbSet<AuthorisationRequest> AuthorisationRequests => Set<AuthorisationRequest>();

    public DbSet<DisassociationRequest> DisassociationRequests => Set<DisassociationRequest>();

    public DbSet<CustomerAccountFacts> CustomerAccountFacts => Set<CustomerAccountFacts>();

    public DbSet<CustomerWarning> CustomerWarnings => Set<CustomerWarning>();

    public DbSet<WarningRefreshRun> WarningRefreshRuns => Set<WarningRefreshRun>();

    public DbSet<PartnerRole> PartnerRoles => Set<PartnerRole>();

    public DbSet<MemberRole> MemberRoles => Set<MemberRole>();

    public DbSet<MemberInvitation> MemberInvitations => Set<MemberInvitation>();

    public DbSet<BusinessCertification> BusinessCertifications => Set<BusinessCertification>();

    public DbSet<SupplierRecord> SupplierRecords => Set<SupplierRecord>();

    public DbSet<PiiReveal> PiiReveals => Set<PiiReveal>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    /// <summary>The key ring of the invitation links (Data Protection), shared by identity-api's instances only.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
        configurationBuilder.Properties<ProspectStatus>().HaveConversion<SnakeCaseEnumConverter<ProspectStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<CustomerInvitationKind>().HaveConversion<SnakeCaseEnumConverter<CustomerInvitationKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<AuthorisationPurpose>().HaveConversion<SnakeCaseEnumConverter<AuthorisationPurpose>>().HaveMaxLength(32);
        configurationBuilder.Properties<AuthorisationStatus>().HaveConversion<SnakeCaseEnumConverter<AuthorisationStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<CustomerWarningKind>().HaveConversion<SnakeCaseEnumConverter<CustomerWarningKind>>().HaveMaxLength(32);
        configurationBuilder.Properties<CustomerWarningStatus>().HaveConversion<SnakeCaseEnumConverter<CustomerWarningStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<MemberInvitationChannel>().HaveConversion<SnakeCaseEnumConverter<MemberInvitationChannel>>().HaveMaxLength(32);
        configurationBuilder.Properties<BusinessCertificationStatus>().HaveConversion<SnakeCaseEnumConverter<BusinessCertificationStatus>>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<DisassociationRequester>().HaveConversion<SnakeCaseEnumConverter<DisassociationRequester>>().HaveMaxLength(32);
    }

    /// <summary>
    /// PostgreSQL, with every table, column, key, foreign key and index named in snake_case
    /// (<c>IssuerPartnerId</c> → <c>issuer_partner_id</c>). Every place that builds this context's
    /// options goes through here, so the model always has the same names.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<IdentityServiceDbContext> Options(string connectionString) =>
        (DbContextOptions<IdentityServiceDbContext>)Configure(new DbContextOptionsBuilder<IdentityServiceDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Account>(account =>
        {
            account.ToTable("accounts");
            // ASP.NET Core Identity names these two indexes itself (UserNameIndex, EmailIndex), and the
            // naming convention leaves names given explicitly as they are.
            account.HasIndex(a => a.NormalizedUserName).HasDatabaseName("user_name_index");
            account.HasIndex(a => a.NormalizedEmail).HasDatabaseName("email_index");
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
            // One active membership per programme: concurrent joins cannot both succeed.
            programme.HasIndex(p => new { p.PartnerId, p.Programme }).IsUnique().HasFilter("status = 'active'");
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

        builder.Entity<Prospect>(prospect =>
        {
            prospect.ToTable("prospects");
            prospect.Property(p => p.CompanyName).HasMaxLength(200);
            prospect.Property(p => p.ContactName).HasMaxLength(100);
            prospect.Property(p => p.MobilePhone).HasMaxLength(32);
            prospect.Property(p => p.Email).HasMaxLength(Rules.EmailMaxLength);
            prospect.Property(p => p.Version).IsRowVersion().HasColumnName("xmin");
            prospect.HasIndex(p => new { p.PartnerId, p.CreatedAt });
        });

        builder.Entity<ProspectClaim>(claim =>
        {
            claim.ToTable("prospect_claims");
            claim.HasKey(c => c.ClaimKey);
            claim.Property(c => c.ClaimKey).HasMaxLength(300);
            claim.HasIndex(c => c.ProspectId);
        });

        builder.Entity<CustomerInvitation>(invitation =>
        {
            invitation.ToTable("customer_invitations");
            invitation.Property(i => i.Version).IsRowVersion().HasColumnName("xmin");
            invitation.HasIndex(i => new { i.PartnerId, i.CreatedAt });
            invitation.HasIndex(i => i.ProspectId);
        });

        builder.Entity<AuthorisationRequest>(request =>
        {
            request.ToTable("authorisation_requests");
            request.Property(r => r.Version).IsRowVersion().HasColumnName("xmin");
            request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
            request.HasIndex(r => new { r.PartnerId, r.CustomerId, r.Purpose }).IsUnique().HasFilter("status = 'pending'");
        });

        builder.Entity<DisassociationRequest>(request =>
        {
            request.ToTable("disassociation_requests");
            request.HasIndex(r => new { r.CustomerId, r.RequestedAt });
        });

        builder.Entity<CustomerAccountFacts>(facts =>
        {
            facts.ToTable("customer_account_facts");
            facts.HasKey(f => f.CustomerId);
            facts.Property(f => f.CustomerId).ValueGeneratedNever();
        });

        builder.Entity<CustomerWarning>(warning =>
        {
            warning.ToTable("customer_warnings");
            warning.Property(w => w.Note).HasMaxLength(500);
            warning.Property(w => w.Version).IsRowVersion().HasColumnName("xmin");
            warning.HasIndex(w => new { w.CustomerId, w.Kind }).IsUnique().HasFilter("status = 'open'");
            warning.HasIndex(w => new { w.PartnerId, w.Status, w.RaisedAt });
        });

        builder.Entity<WarningRefreshRun>(run =>
        {
            run.ToTable("warning_refresh_runs");
            run.HasKey(r => r.Day);
        });

        builder.Entity<PartnerRole>(role =>
        {
            role.ToTable("partner_roles");
            role.Property(r => r.Name).HasMaxLength(64);
            role.HasIndex(r => new { r.PartnerId, r.Name }).IsUnique();
        });

        builder.Entity<MemberRole>(memberRole =>
        {
            memberRole.ToTable("member_roles");
            memberRole.HasKey(m => new { m.AccountId, m.RoleId });
            memberRole.HasIndex(m => m.RoleId);
        });

        builder.Entity<MemberInvitation>(invitation =>
        {
            invitation.ToTable("member_invitations");
            invitation.Property(i => i.Address).HasMaxLength(Rules.EmailMaxLength);
            invitation.Property(i => i.Version).IsRowVersion().HasColumnName("xmin");
            invitation.HasIndex(i => new { i.PartnerId, i.Address, i.ExpiresAt });
            invitation.HasIndex(i => new { i.InvitedBy, i.CreatedAt });
        });

        builder.Entity<BusinessCertification>(certification =>
        {
            certification.ToTable("business_certifications");
            certification.HasKey(c => c.PartnerId);
            certification.Property(c => c.PartnerId).ValueGeneratedNever();
            certification.Property(c => c.BankName).HasMaxLength(200);
            certification.Property(c => c.BankAccountName).HasMaxLength(200);
            certification.Property(c => c.BankAccountNumber).HasMaxLength(64);
            certification.Property(c => c.TaxId).HasMaxLength(64);
            certification.Property(c => c.BankLetterReference).HasMaxLength(500);
            certification.Property(c => c.ReviewNote).HasMaxLength(500);
            certification.Property(c => c.Version).IsRowVersion().HasColumnName("xmin");
            certification.HasIndex(c => new { c.Status, c.SubmittedAt });
        });

        builder.Entity<SupplierRecord>(supplier =>
        {
            supplier.ToTable("supplier_records");
            supplier.HasKey(s => s.TaxId);
            supplier.Property(s => s.TaxId).HasMaxLength(64);
            supplier.Property(s => s.BankAccountNumber).HasMaxLength(64);
        });

        builder.Entity<PiiReveal>(reveal =>
        {
            reveal.ToTable("pii_reveals");
            reveal.Property(r => r.Field).HasMaxLength(32);
            reveal.HasIndex(r => new { r.CustomerId, r.RevealedAt });
            reveal.HasIndex(r => new { r.PartnerId, r.RevealedAt });
        });

        builder.Entity<SigningKey>(key =>
        {
            key.ToTable("signing_keys");
            key.Property(k => k.Id).HasMaxLength(32);
        });

        builder.Entity<RefreshToken>(token =>
        {
            token.ToTable("refresh_tokens");
            token.HasKey(t => t.TokenHash);
            token.Property(t => t.SecurityStamp).HasMaxLength(256);
            token.HasIndex(t => t.ExpiresAt);
        });

        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.AddOutbox();
        builder.AddInbox();
    }
}
