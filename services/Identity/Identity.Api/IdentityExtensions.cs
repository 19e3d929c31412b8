using Identity.Api.Apis;
using Identity.Api.Application;
using Identity.Api.Consumers;
using Identity.Api.Data;
using Identity.Api.DemoData;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Notifications;
using Identity.Api.Infrastructure.Tokens;
using Identity.Api.Infrastructure.VerificationCodes;
using Identity.Api.Jobs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api;

public static class IdentityExtensions
{
    public const string DatabaseConnectionName = "identitydb";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName))
            .Validate(
                o => Consents.RequiredKinds.All(kind => o.Consent.Documents.Any(d => d.Kind == kind && d.Version.Length > 0)) && o.Consent.TransferredData.Count > 0,
                "Identity:Consent must configure a version of every consent document (user_agreement, privacy_policy, account_data_transfer) and the transferred data items.")
            .ValidateOnStart();
        services.AddErrorCodes(IdentityErrors.All);
        services.AddPlatformOpenApi();

        var connectionString = configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<IdentityDbContext>(options => IdentityDbContext.Configure(options, connectionString));

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddServiceVerbs(verbs =>
        {
            verbs.Migrate = (provider, cancellationToken) => provider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync(cancellationToken);
            verbs.SeedAtStart = VendorAdministrator.EnsureAsync;
            verbs.SeedDemoData = DemoDataCommand.SeedAsync;
        });
        services.AddIdentityReferenceEnums();

        var identity = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        services.AddIdentityCore<Account>(options =>
            {
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
                options.User.RequireUniqueEmail = false;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequiredLength = Rules.PasswordMinLength;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = identity.LockoutMaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = identity.LockoutDuration;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddPasswordValidator<PlatformPasswordValidator>();

        services.AddScoped<AccountPrincipalFactory>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<SignIn>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<OwnKeysConfigurationManager>();
        services.AddOptions<JwtBearerOptions>(PlatformAuthentication.Scheme)
            .PostConfigure<OwnKeysConfigurationManager>((jwt, ownKeys) => jwt.ConfigurationManager = ownKeys);
        services.AddDataProtection().SetApplicationName("identity-api").PersistKeysToDbContext<IdentityDbContext>();

        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName));
        services.AddOptions<VerificationCodeOptions>().Bind(configuration.GetSection(VerificationCodeOptions.SectionName));
        services.TryAddSingleton<INotificationSender, FileNotificationSender>();
        services.AddSingleton<VerificationCodeService>();
        services.AddScoped<VerificationCodes>();
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<SubCustomers>();
        services.AddScoped<Associations>();
        services.AddScoped<DistributorScope>();
        services.AddScoped<Prospects>();
        services.AddScoped<CustomerInvitations>();
        services.AddScoped<Authorisations>();
        services.AddScoped<Disassociations>();
        services.AddScoped<AccountManagers>();
        services.AddScoped<CustomerCapabilities>();
        services.AddScoped<AccountFacts>();
        services.AddScoped<CustomerWarnings>();
        services.AddScoped<PartnerProgrammes>();
        services.AddScoped<PartnerRegistration>();
        services.AddScoped<PartnerQueries>();
        services.AddScoped<VendorStaff>();
        services.AddScoped<BusinessCertifications>();
        services.AddScoped<Members>();
        services.AddScoped<MemberQueries>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<Consents>();
        services.AddScoped<EcosystemManagers>();
        services.AddScoped<Certificates>();
        services.AddWorkingDays();
        services.AddSingleton<Application.Sso.SamlServiceProviderKey>();
        services.AddScoped<Application.Sso.SamlIdentityProviders>();
        services.AddScoped<Application.Sso.SamlLogin>();
        services.AddScoped<Application.Sso.SamlSignIn>();

        services.AddHostedService<SigningKeyRotationJob>();
        services.AddHostedService<CustomerWarningJob>();
        services.AddHostedService<ProgrammeExpirySweeper>();

        builder.AddIdempotency(DatabaseConnectionName);
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddMessaging<IdentityDbContext>("identity", consumers =>
        {
            consumers.AddConsumer<CustomerCreatedConsumer>();
            consumers.AddConsumer<ResellerLinkedConsumer>();
            consumers.AddConsumer<ResellerUnlinkedConsumer>();
            consumers.AddConsumer<ResellerSuspendedConsumer>();
            consumers.AddConsumer<ResellerReinstatedConsumer>();
        });
        return builder;
    }

    /// <summary>The enums of identity-api's API, served at <c>GET /v2/reference/{enum}</c> (the gateway routes these names here).</summary>
    private static void AddIdentityReferenceEnums(this IServiceCollection services) => services
        .AddReferenceEnum<AccountKind>("account-kinds")
        .AddReferenceEnum<VendorRole>("vendor-roles")
        .AddReferenceEnum<Programme>("programmes")
        .AddReferenceEnum<ProgrammeStatus>("programme-statuses")
        .AddReferenceEnum<PathStage>("path-stages")
        .AddReferenceEnum<BusinessCertificationStatus>("business-certification-statuses")
        .AddReferenceEnum<AssociationType>("association-types")
        .AddReferenceEnum<AssociationStatus>("association-statuses")
        .AddReferenceEnum<DisassociationRequester>("disassociation-requesters")
        .AddReferenceEnum<ResellerLinkStatus>("reseller-link-statuses")
        .AddReferenceEnum<ProspectStatus>("prospect-statuses")
        .AddReferenceEnum<CustomerInvitationKind>("customer-invitation-kinds")
        .AddReferenceEnum<InvitationPreviewKind>("invitation-preview-kinds")
        .AddReferenceEnum<InvitationLinkStatus>("invitation-link-statuses")
        .AddReferenceEnum<AuthorisationPurpose>("authorisation-purposes")
        .AddReferenceEnum<AuthorisationStatus>("authorisation-statuses")
        .AddReferenceEnum<CustomerWarningKind>("customer-warning-kinds")
        .AddReferenceEnum<CustomerWarningStatus>("customer-warning-statuses")
        .AddReferenceEnum<MemberInvitationChannel>("member-invitation-channels")
        .AddReferenceEnum<MemberInvitationStatus>("member-invitation-statuses")
        .AddReferenceEnum("permission-items", _ => PermissionItems.All)
        .AddReferenceEnum<ConsentDocumentKind>("consent-document-kinds")
        .AddReferenceEnum<CertificateLevel>("certificate-levels");
}
