using System.Security.Cryptography;
using System.Text;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.VerificationCodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Creates customers for partners through the registration API: the account synchronously, the
/// association asynchronously (<see cref="CustomerCreated"/> → <see cref="Consumers.CustomerCreatedConsumer"/>).
/// Idempotent per partner on <c>xaccount_id</c>.
/// </summary>
public sealed class CustomerRegistration(
    IdentityDbContext db,
    UserManager<Account> users,
    VerificationCodeService codes,
    IOutbox outbox,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider)
{
    private const string RandomNameAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public sealed record NewCustomer(
        Guid PartnerId,
        Guid CreatedBy,
        Guid? IndirectPartnerId,
        string XAccountId,
        string XAccountType,
        string? AccountName,
        string? MobilePhone,
        string? VerificationCode,
        string? Email,
        string? Password);

    /// <summary>The customer and whether this call created it (false: a replay of an earlier identical call).</summary>
    public async Task<(Customer Customer, bool Created)> CreateAsync(NewCustomer request, CancellationToken cancellationToken)
    {
        var requestHash = RequestHash(request);
        if (await FindByXAccountIdAsync(request, requestHash, cancellationToken) is { } earlier)
        {
            return (earlier, false);
        }

        var now = timeProvider.Now();
        var accountName = request.AccountName ?? RandomAccountName();
        if (request.Password is not null && !Rules.IsValidPassword(request.Password, accountName, request.MobilePhone))
        {
            throw new ApiException(IdentityErrors.InvalidPassword, null, Field("password", IdentityErrors.InvalidPassword.Message));
        }

        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            AccountName = accountName,
            Email = request.Email,
            MobilePhone = request.MobilePhone,
            CreatedByPartnerId = request.PartnerId,
            XAccountId = request.XAccountId,
            XAccountType = request.XAccountType,
            RequestHash = requestHash,
            IndirectPartnerId = request.IndirectPartnerId,
            AssociationStatus = AssociationStatus.Pending,
            CreatedAt = now,
            CreatedBy = request.CreatedBy,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Customers.Add(customer);
        try
        {
            // Claims the xaccount_id first: an identical call running at the same time waits here, then replays.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await FindByXAccountIdAsync(request, requestHash, cancellationToken) is { } replayed
                ? (replayed, false)
                : throw new ApiException(IdentityErrors.AccountNameExists, null, Field("domain_name", IdentityErrors.AccountNameExists.Message));
        }

        await EnsureContactsAreFreeAsync(request, customer.Id, cancellationToken);

        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = accountName,
            Email = request.Email,
            PhoneNumber = request.MobilePhone,
            Kind = AccountKind.Customer,
            CustomerId = customer.Id,
            CreatedAt = now,
            CreatedBy = request.CreatedBy,
        };
        try
        {
            var result = request.Password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, request.Password);
            result.ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists, null, Field("domain_name", IdentityErrors.AccountNameExists.Message));
        }

        // Last, so a code is only consumed by a creation that commits.
        if (request.MobilePhone is not null)
        {
            await codes.VerifyAsync(request.MobilePhone, request.VerificationCode!, cancellationToken);
        }

        outbox.Add(new CustomerCreated(
            customer.Id, request.PartnerId, request.IndirectPartnerId, accountName, "reseller", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (customer, true);
    }

    /// <summary>
    /// <c>available</c> or <c>used</c> for an email, mobile or account name, and whether a mobile has
    /// reached its registration limit.
    /// </summary>
    public async Task<(bool Used, bool LimitReached)> CheckAsync(string searchType, string value, CancellationToken cancellationToken)
    {
        switch (searchType)
        {
            case "email":
                return (await db.Customers.AnyAsync(c => c.Email == value, cancellationToken), false);
            case "mobile":
                var accounts = await db.Customers.CountAsync(c => c.MobilePhone == value, cancellationToken);
                return (accounts > 0, accounts >= options.Value.MaxAccountsPerMobile);
            default:
                var normalized = users.NormalizeName(value);
                return (await db.Users.AnyAsync(a => a.NormalizedUserName == normalized, cancellationToken), false);
        }
    }

    private async Task EnsureContactsAreFreeAsync(NewCustomer request, Guid customerId, CancellationToken cancellationToken)
    {
        if (request.MobilePhone is { } mobile)
        {
            var holders = await db.Customers.Where(c => c.MobilePhone == mobile && c.Id != customerId)
                .Select(c => c.CreatedByPartnerId).ToListAsync(cancellationToken);
            if (holders.Contains(request.PartnerId))
            {
                throw new ApiException(IdentityErrors.MobileExists, null, Field("mobile_phone", IdentityErrors.MobileExists.Message));
            }

            if (holders.Count >= options.Value.MaxAccountsPerMobile)
            {
                throw new ApiException(IdentityErrors.MobileLimitReached, null, Field("mobile_phone", IdentityErrors.MobileLimitReached.Message));
            }
        }

        if (request.Email is { } email && await db.Customers.AnyAsync(c => c.Email == email && c.Id != customerId, cancellationToken))
        {
            throw new ApiException(IdentityErrors.EmailExists, null, Field("email", IdentityErrors.EmailExists.Message));
        }
    }

    private async Task<Customer?> FindByXAccountIdAsync(NewCustomer request, string requestHash, CancellationToken cancellationToken)
    {
        var earlier = await db.Customers.AsNoTracking()
            .SingleOrDefaultAsync(c => c.CreatedByPartnerId == request.PartnerId && c.XAccountId == request.XAccountId, cancellationToken);
        return earlier is null || earlier.RequestHash == requestHash
            ? earlier
            : throw new ApiException(IdentityErrors.XAccountIdConflict, null, Field("xaccount_id", IdentityErrors.XAccountIdConflict.Message));
    }

    /// <summary>The data that makes two calls with one <c>xaccount_id</c> the same call (codes and passwords excluded).</summary>
    private static string RequestHash(NewCustomer request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
            '\n', request.XAccountType, request.AccountName ?? "", request.MobilePhone ?? "", request.Email ?? "", request.IndirectPartnerId?.ToString() ?? ""))));

    private static string RandomAccountName() =>
        "cust_" + RandomNumberGenerator.GetString(RandomNameAlphabet, 16);

    private static Dictionary<string, string[]> Field(string name, string message) => new(StringComparer.Ordinal) { [name] = [message] };

    /// <summary>A customer signing up on its own (no partner yet).</summary>
    public sealed record SignUp(string? DomainName, string? Password, string? Email);

    public async Task<Customer> SignUpAsync(SignUp signUp, CancellationToken cancellationToken)
    {
        var name = Rules.Clean(signUp.DomainName);
        var email = Rules.Clean(signUp.Email)?.ToLowerInvariant();
        if (email is not null && !Rules.IsValidEmail(email))
        {
            throw FieldValidation.Invalid("email", "email must be a valid email address.");
        }

        if (!Rules.IsValidAccountName(name))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidAccountName, "domain_name");
        }

        if (!Rules.IsValidPassword(signUp.Password, name, null))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidPassword, "password");
        }

        if (email is not null && await db.Customers.AnyAsync(c => c.Email == email, cancellationToken))
        {
            throw new ApiException(IdentityErrors.EmailExists);
        }

        var now = timeProvider.Now();
        var customer = new Customer { Id = Guid.CreateVersion7(now), AccountName = name!, Email = email, CreatedAt = now };
        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = name,
            Email = email,
            Kind = AccountKind.Customer,
            CustomerId = customer.Id,
            CreatedAt = now,
        };
        db.Customers.Add(customer);
        try
        {
            (await users.CreateAsync(account, signUp.Password!)).ThrowIfFailed();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        return customer;
    }
}
