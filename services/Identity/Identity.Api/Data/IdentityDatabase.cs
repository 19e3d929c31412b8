using Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Data;

/// <summary>
/// Applies the migrations (on <c>--migrate</c>, or at start when <c>APPLY_MIGRATIONS=true</c>) and
/// creates the vendor administrator from configuration when it does not exist yet.
/// </summary>
public static class IdentityDatabase
{
    public const string MigrateArgument = "--migrate";
    public const string ApplyMigrationsKey = "APPLY_MIGRATIONS";

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.MigrateAsync(cancellationToken);
    }

    public static async Task SeedVendorAdminAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.VendorAdmin;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityDatabase));
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrEmpty(options.Password))
        {
            logger.LogWarning("Identity:VendorAdmin:UserName/Password are not set: no vendor administrator is created.");
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByNameAsync(options.UserName) is not null)
        {
            return;
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().Now();
        var admin = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = options.UserName,
            Kind = AccountKind.VendorStaff,
            VendorRole = VendorRole.Admin,
            DisplayName = "Vendor administrator",
            CreatedAt = now,
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(admin, options.Password);
        }
        catch (DbUpdateException)
        {
            if (await users.FindByNameAsync(options.UserName) is not null)
            {
                return; // another instance created it at the same moment
            }

            throw;
        }

        if (result.Succeeded)
        {
            logger.LogInformation("Created the vendor administrator {UserName}.", options.UserName);
        }
        else
        {
            throw new InvalidOperationException(
                "The vendor administrator from Identity:VendorAdmin could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}

/// <summary>Migrates (when <c>APPLY_MIGRATIONS=true</c>) and seeds before the server takes requests.</summary>
internal sealed class IdentityDatabaseStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue<bool>(IdentityDatabase.ApplyMigrationsKey))
        {
            await IdentityDatabase.MigrateAsync(services, cancellationToken);
        }

        await IdentityDatabase.SeedVendorAdminAsync(services, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
