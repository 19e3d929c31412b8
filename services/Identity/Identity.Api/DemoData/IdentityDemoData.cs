using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Application;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.DemoData;

/// <summary>
/// Seeds the demo partners and customers through the service's own rules: the public partner
/// registration (under well-known ids), programme joins (the distributor programme granted by the
/// vendor administrator), the co-expansion plan and the customer registration API, whose
/// association the running service makes from its <c>CustomerCreated</c> queue. What exists is left
/// as it is, so a second run changes nothing.
/// </summary>
public sealed class IdentityDemoData(
    IdentityDbContext db,
    UserManager<Account> users,
    PartnerProgrammes programmes,
    PartnerRegistration registration,
    CustomerRegistration customers,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken cancellationToken)
    {
        var password = options.Value.DemoData.Password;
        if (string.IsNullOrEmpty(password))
        {
            throw new DemoDataException("Identity:DemoData:Password is not set (the AppHost hands it the demo-password parameter): no demo account is created.");
        }

        var vendorAdminName = options.Value.VendorAdmin.UserName;
        var vendorAdmin = (vendorAdminName is null ? null : await users.FindByNameAsync(vendorAdminName))
            ?? throw new DemoDataException(
                $"The vendor administrator '{vendorAdminName}' does not exist: run --migrate with Identity:VendorAdmin:UserName/Password first.");

        foreach (var partner in DemoPartners.All)
        {
            await EnsurePartnerAsync(partner, password, cancellationToken);
        }

        await EnsureProgrammeAsync(DemoPartners.Distributor, Programme.Distributor, vendorAdmin.Id, byVendor: true, cancellationToken);
        await EnsureProgrammeAsync(DemoPartners.FirstReseller, Programme.CloudReseller, DemoPartners.FirstReseller.AccountId, byVendor: false, cancellationToken);
        await EnsureProgrammeAsync(DemoPartners.SecondReseller, Programme.CloudReseller, DemoPartners.SecondReseller.AccountId, byVendor: false, cancellationToken);
        var provider = DemoPartners.SolutionProvider;
        await EnsureProgrammeAsync(provider, Programme.SolutionProvider, provider.AccountId, byVendor: false, cancellationToken);
        if (await db.Partners.AnyAsync(p => p.Id == provider.Id && p.CoExpansionJoinedAt == null, cancellationToken))
        {
            await programmes.JoinCoExpansionPlanAsync(provider.Id, provider.AccountId, conditionsAccepted: true, cancellationToken);
        }

        var accounts = DemoPartners.All.Select(p => new DemoAccount(p.UserName, password, $"{p.Role} · {p.CompanyName}")).ToList();
        foreach (var customer in DemoPartners.Customers)
        {
            await EnsureCustomerAsync(customer, password, cancellationToken);
            if (customer.HasLogin)
            {
                accounts.Add(new DemoAccount(customer.AccountName, password, "customer of " + provider.CompanyName));
            }
        }

        await WaitForAssociationsAsync(cancellationToken);
        return accounts;
    }

    private async Task EnsurePartnerAsync(DemoPartner partner, string password, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partner.Id, cancellationToken))
        {
            var request = new PartnerRegistration.NewPartner(partner.UserName, password, partner.CompanyName, partner.Email, MobilePhone: null, PartnerRegistration.DefaultRegion);
            try
            {
                await registration.RegisterAsync(request, partner.Id, partner.AccountId);
                return;
            }
            catch (ApiException ex) when (ex.Error == IdentityErrors.AccountNameExists)
            {
                throw new DemoDataException($"The login '{partner.UserName}' belongs to an account that is not the demo {partner.Role}: rename that account or drop identitydb.");
            }
        }

        var account = await users.FindByIdAsync(partner.AccountId.ToString());
        if (account?.PartnerId != partner.Id)
        {
            throw new DemoDataException($"The demo {partner.Role} {partner.Id} exists without its main account {partner.AccountId}: drop identitydb to seed it again.");
        }

        await EnsurePasswordAsync(account, password);
    }

    private async Task EnsureProgrammeAsync(DemoPartner partner, Programme programme, Guid actor, bool byVendor, CancellationToken cancellationToken)
    {
        var held = await db.PartnerProgrammes.AnyAsync(p => p.PartnerId == partner.Id && p.Programme == programme, cancellationToken);
        if (!held)
        {
            await programmes.JoinAsync(partner.Id, programme, expiresAt: null, actor, byVendor, cancellationToken);
        }
    }

    private async Task EnsureCustomerAsync(DemoCustomer customer, string password, CancellationToken cancellationToken)
    {
        var provider = DemoPartners.SolutionProvider;
        var (created, _) = await customers.CreateAsync(
            new CustomerRegistration.NewCustomer(
                provider.Id, provider.AccountId, IndirectPartnerId: null, customer.XAccountId, "demo", customer.AccountName,
                MobilePhone: null, VerificationCode: null, customer.Email, customer.HasLogin ? password : null),
            cancellationToken);
        if (customer.HasLogin && await users.FindByNameAsync(created.AccountName) is { } login)
        {
            await EnsurePasswordAsync(login, password);
        }
    }

    /// <summary>The password printed must be the one that signs in.</summary>
    private async Task EnsurePasswordAsync(Account account, string password)
    {
        if (!await users.CheckPasswordAsync(account, password))
        {
            throw new DemoDataException(
                $"The demo account '{account.UserName}' exists with another password than Identity:DemoData:Password: put the earlier value back "
                + "(.data/apphost/parameters/demo-password under the AppHost) or drop identitydb.");
        }
    }

    /// <summary>The running service associates the customers from its queue; the demo is complete once it did.</summary>
    private async Task WaitForAssociationsAsync(CancellationToken cancellationToken)
    {
        var provider = DemoPartners.SolutionProvider.Id;
        var xaccountIds = DemoPartners.Customers.Select(c => c.XAccountId).ToArray();
        var deadline = timeProvider.Now() + options.Value.DemoData.WaitTimeout;
        while (true)
        {
            var states = await db.Customers.AsNoTracking()
                .Where(c => c.CreatedByPartnerId == provider && xaccountIds.Contains(c.XAccountId!))
                .Select(c => new { c.AccountName, c.AssociationStatus, c.AssociationFailure })
                .ToListAsync(cancellationToken);
            if (states.FirstOrDefault(s => s.AssociationStatus == AssociationStatus.Failed) is { } failed)
            {
                throw new DemoDataException($"The demo customer '{failed.AccountName}' could not be associated: {failed.AssociationFailure}.");
            }

            if (states.All(s => s.AssociationStatus == AssociationStatus.Associated))
            {
                return;
            }

            if (timeProvider.Now() >= deadline)
            {
                throw new DemoDataException(
                    $"The demo customers were not associated within {options.Value.DemoData.WaitTimeout.TotalSeconds:0} s: identity-api associates them "
                    + "from its CustomerCreated queue, so it must be running against the same database and event bus.");
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}

/// <summary>One line of the seeding contract: <c>demo-account: {"login":…,"password":…,"role":…}</c>.</summary>
public sealed record DemoAccount(string Login, string Password, string Role);
