using Identity.Api.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// The vendor administrator from configuration (<c>Identity:VendorAdmin</c>), created when it does
/// not exist yet: after <c>--migrate</c> and at every start (the start seed of <see cref="ServiceVerbs"/>).
/// </summary>
public static class VendorAdministrator
{
    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value.VendorAdmin;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VendorAdministrator));
        if (string.IsNullOrWhiteSpace(options.UserName) || string.IsNullOrEmpty(options.Password))
        {
            logger.LogWarning("Identity:VendorAdmin:UserName/Password are not set: no vendor administrator is created.");
            return;
        }

        var users = services.GetRequiredService<UserManager<Account>>();
        if (await users.FindByNameAsync(options.UserName) is not null)
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().Now();
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
