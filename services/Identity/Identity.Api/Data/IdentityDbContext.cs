using Identity.Api.Domain;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Data;

/// <summary>The service's own database (<c>identitydb</c>): accounts, partners, customers and association, plus the outbox and inbox.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options)
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

    public DbSet<CustomerConsent> CustomerConsents => Set<CustomerConsent>();

    public DbSet<PartnerEcosystemManager> PartnerEcosystemManagers => Set<PartnerEcosystemManager>();

    public DbSet<MemberCertificate> MemberCertificates => Set<MemberCertificate>();

    public DbSet<MemberDeparture> MemberDepartures => Set<MemberDeparture>();

    /// <summary>The key ring of the invitation links (Data Protection), shared by identity-api's instances only.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();
    public DbSet<Domain.Sso.SamlIdentityProvider> SamlIdentityProviders => Set<Domain.Sso.SamlIdentityProvider>();
    public DbSet<Domain.Sso.SamlConfigurationChange> SamlConfigurationChanges => Set<Domain.Sso.SamlConfigurationChange>();
    public DbSet<Domain.Sso.SamlPendingRequest> SamlPendingRequests => Set<Domain.Sso.SamlPendingRequest>();
    public DbSet<Domain.Sso.SamlUsedAssertion> SamlUsedAssertions => Set<Domain.Sso.SamlUsedAssertion>();
    public DbSet<Domain.Sso.SamlLoginCode> SamlLoginCodes => Set<Domain.Sso.SamlLoginCode>();

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
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention()
            // A refused write (a name taken, a duplicate link) is an answer the use case decides; a fault reaches
            // the exception handler or the consumer's retries, which log it at Error. EF Core's own Error entries
            // for the failed command would log every refusal as a fault, with its stack trace.
            .UseExpectedRefusalLogging();

    /// <summary>Options of <see cref="Configure"/>, for code that creates the context itself.</summary>
    public static DbContextOptions<IdentityDbContext> Options(string connectionString) =>
        (DbContextOptions<IdentityDbContext>)Configure(new DbContextOptionsBuilder<IdentityDbContext>(), connectionString).Options;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);

        builder.AddOutbox();
        builder.AddInbox();
    }
}
