using Identity.Api.Consumers;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Notifications;
using Identity.Api.Infrastructure.Tokens;
using Identity.Api.Infrastructure.VerificationCodes;
using Identity.Api.Jobs;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Identity.Api.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPlatform.Messaging;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api;

public static class IdentityServiceExtensions
{
    public const string DatabaseConnectionName = "identitydb";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<IdentityServiceOptions>().Bind(configuration.GetSection(IdentityServiceOptions.SectionName));
        services.AddErrorCodes(IdentityErrors.All);
        services.AddPlatformOpenApi();

        var connectionString = configuration.GetPlatformConnectionString(DatabaseConnectionName);
        services.AddDbContextPool<IdentityServiceDbContext>(options => IdentityServiceDbContext.Configure(options, connectionString));

        // Before the messaging registration, so the database is migrated before the outbox relay starts.
        services.AddHostedService<IdentityDatabaseStartup>();

        var identity = configuration.GetSection(IdentityServiceOptions.SectionName).Get<IdentityServiceOptions>() ?? new IdentityServiceOptions();
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
            .AddEntityFrameworkStores<IdentityServiceDbContext>()
            .AddPasswordValidator<PlatformPasswordValidator>();

        services.AddScoped<AccountPrincipalFactory>();
        services.AddScoped<TokenIssuer>();
        services.AddSingleton<SigningKeys>();
        services.AddHostedService<SigningKeyRotationJob>();
        services.AddSingleton<OwnKeysConfigurationManager>();
        services.AddOptions<JwtBearerOptions>(PlatformAuthentication.Scheme)
            .PostConfigure<OwnKeysConfigurationManager>((jwt, ownKeys) => jwt.ConfigurationManager = ownKeys);
        services.AddDataProtection().SetApplicationName("identity-api").PersistKeysToDbContext<IdentityServiceDbContext>();

        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName));
        services.AddOptions<VerificationCodeOptions>().Bind(configuration.GetSection(VerificationCodeOptions.SectionName));
        services.TryAddSingleton<INotificationSender, FileNotificationSender>();
        services.AddSingleton<VerificationCodeService>();
        services.AddScoped<CustomerRegistration>();
        services.AddScoped<Associations>();
        services.AddScoped<DistributorScope>();
        services.AddScoped<Prospects>();
        services.AddScoped<CustomerInvitations>();
        services.AddScoped<Authorisations>();
        services.AddScoped<Disassociations>();
        services.AddScoped<AccountManagers>();
        services.AddScoped<CustomerWarnings>();
        services.AddHostedService<CustomerWarningJob>();
        services.AddScoped<PartnerProgrammes>();
        services.AddScoped<BusinessCertifications>();
        services.AddScoped<Members>();
        services.AddHostedService<ProgrammeExpirySweeper>();
        services.AddWorkingDays();

        builder.AddIdempotency(DatabaseConnectionName);
        builder.AddPostgresHealthCheck(DatabaseConnectionName);
        builder.AddMessaging<IdentityServiceDbContext>("identity", consumers =>
        {
            consumers.AddConsumer<CustomerCreatedConsumer>();
            consumers.AddConsumer<ResellerLinkedConsumer>();
            consumers.AddConsumer<ResellerUnlinkedConsumer>();
            consumers.AddConsumer<ResellerSuspendedConsumer>();
            consumers.AddConsumer<ResellerReinstatedConsumer>();
        });
        return builder;
    }
}
