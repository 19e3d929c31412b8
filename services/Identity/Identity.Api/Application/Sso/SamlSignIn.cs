using System.Security.Cryptography;
using System.Text;
using Identity.Api.Data;
using Identity.Api.Domain;
using Identity.Api.Domain.Sso;
using Identity.Api.Infrastructure.Accounts;
using Identity.Api.Infrastructure.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application.Sso;

/// <summary>
/// The ACS and what follows it: a verified response (<see cref="SamlResponseValidation"/>) is
/// accepted once (its assertion id is remembered until NotOnOrAfter; its request is consumed), the
/// person's customer account is found or created just in time from the attributes, and the browser
/// is sent to the frontend with a one-time code that <see cref="ExchangeAsync"/> turns into the
/// platform's own tokens, exactly as a password sign-in issues them.
/// </summary>
public sealed class SamlSignIn(
    IdentityDbContext db,
    UserManager<Account> users,
    AccountPrincipalFactory principals,
    TokenIssuer tokens,
    IOutbox outbox,
    IOptions<IdentityOptions> options,
    TimeProvider timeProvider,
    ILogger<SamlSignIn> logger)
{
    private const string RandomNameAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private SamlOptions Saml => options.Value.Saml;

    /// <summary>Where the browser goes after a verified response: the frontend, with a one-time code and the relay state.</summary>
    public async Task<string> AcceptAsync(string? samlResponse, string? relayState, CancellationToken cancellationToken)
    {
        var received = SamlResponseValidation.Read(samlResponse, Saml.MaxDocumentLength);
        var now = timeProvider.Now();
        var pending = await db.SamlPendingRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == received.InResponseTo, cancellationToken);
        if (pending is null || pending.ExpiresAt <= now)
        {
            throw new ApiException(IdentityErrors.SamlUnknownRequest);
        }

        var provider = await db.SamlIdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == pending.PartnerId, cancellationToken)
            ?? throw new ApiException(IdentityErrors.SsoNotConfigured);
        var assertion = SamlResponseValidation.Verify(received, provider, Saml, now);
        var person = Person.From(assertion);

        var code = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        try
        {
            await CompleteAsync(pending, assertion, person, code, now, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same person's first sign-in finished at the same moment in another request: its account now exists.
            db.ChangeTracker.Clear();
            await CompleteAsync(pending, assertion, person, code, now, cancellationToken);
        }

        var query = "code=" + Uri.EscapeDataString(code) + (string.IsNullOrEmpty(relayState) ? "" : "&relay_state=" + Uri.EscapeDataString(relayState));
        return Saml.FrontendSignInUrl + (Saml.FrontendSignInUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    /// <summary>The platform's access and refresh tokens for a one-time code of <see cref="AcceptAsync"/>.</summary>
    public async Task<TokenResponse> ExchangeAsync(string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code))
        {
            throw FieldValidation.Refuse(IdentityErrors.SamlLoginCodeInvalid, "code");
        }

        var hash = Hash(code);
        var now = timeProvider.GetUtcNow();
        var stored = await db.SamlLoginCodes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeHash == hash && c.ExpiresAt > now, cancellationToken);
        // Only the request that deletes the row may use it: a code is exchanged once.
        if (stored is null || await db.SamlLoginCodes.Where(c => c.CodeHash == hash).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            throw new ApiException(IdentityErrors.SamlLoginCodeInvalid);
        }

        var account = await users.FindByIdAsync(stored.AccountId.ToString()) ?? throw new ApiException(IdentityErrors.SamlLoginCodeInvalid);
        if (await users.IsLockedOutAsync(account))
        {
            throw new ApiException(IdentityErrors.AccountLockedOut);
        }

        return await tokens.IssueAsync(await principals.CreateAsync(account, cancellationToken), await users.GetSecurityStampAsync(account), cancellationToken);
    }

    private async Task CompleteAsync(
        SamlPendingRequest pending, SamlResponseValidation.VerifiedAssertion assertion, Person person, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SamlUsedAssertions.Where(a => a.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        await db.SamlLoginCodes.Where(c => c.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var remembered = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO saml_used_assertions (partner_id, assertion_id, expires_at)
             VALUES ({pending.PartnerId}, {assertion.AssertionId}, {assertion.NotOnOrAfter})
             ON CONFLICT DO NOTHING
             """,
            cancellationToken);
        if (remembered == 0)
        {
            throw new ApiException(IdentityErrors.SamlReplay);
        }

        var consumed = await db.SamlPendingRequests
            .Where(r => r.Id == pending.Id && r.PartnerId == pending.PartnerId && r.ExpiresAt > now && r.ConsumedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(p => p.ConsumedAt, (DateTimeOffset?)now), cancellationToken);
        if (consumed != 1)
        {
            throw new ApiException(IdentityErrors.SamlUnknownRequest);
        }

        var account = await ExistingAccountAsync(pending.PartnerId, assertion.NameId, cancellationToken)
            ?? await ProvisionAsync(pending.PartnerId, assertion, person, now, cancellationToken);
        db.SamlLoginCodes.Add(new SamlLoginCode { CodeHash = Hash(code), AccountId = account.Id, ExpiresAt = now + Saml.LoginCodeLifetime });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The customer the partner already holds under this name id as <c>xaccount_id</c> (an earlier
    /// SSO sign-in, or a creation through the registration API with the same id).
    /// </summary>
    private async Task<Account?> ExistingAccountAsync(Guid partnerId, string nameId, CancellationToken cancellationToken)
    {
        var customerId = await db.Customers.Where(c => c.CreatedByPartnerId == partnerId && c.XAccountId == nameId)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        return customerId is null
            ? null
            : await db.Users.SingleOrDefaultAsync(a => a.CustomerId == customerId && a.Kind == AccountKind.Customer, cancellationToken);
    }

    private async Task<Account> ProvisionAsync(
        Guid partnerId, SamlResponseValidation.VerifiedAssertion assertion, Person person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureContactsAreFreeAsync(partnerId, person, cancellationToken);
        var accountName = person.AccountName ?? "sso_" + RandomNumberGenerator.GetString(RandomNameAlphabet, 16);
        var normalized = users.NormalizeName(accountName);
        if (await db.Users.AnyAsync(a => a.NormalizedUserName == normalized, cancellationToken))
        {
            throw new ApiException(IdentityErrors.AccountNameExists);
        }

        var customer = new Customer
        {
            Id = Guid.CreateVersion7(now),
            AccountName = accountName,
            DisplayName = person.DisplayName,
            Email = person.Email,
            MobilePhone = person.Mobile,
            CreatedByPartnerId = partnerId,
            XAccountId = assertion.NameId,
            XAccountType = "saml",
            AssociationStatus = AssociationStatus.Pending,
            CreatedAt = now,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);

        var account = new Account
        {
            Id = Guid.CreateVersion7(now),
            UserName = accountName,
            Email = person.Email,
            PhoneNumber = person.Mobile,
            DisplayName = person.DisplayName,
            Kind = AccountKind.Customer,
            CustomerId = customer.Id,
            CreatedAt = now,
        };
        (await users.CreateAsync(account)).ThrowIfFailed();

        // The association (type reseller, as for customers brought in through the partner's own platform) follows from CustomerCreated.
        outbox.Add(new CustomerCreated(customer.Id, partnerId, null, accountName, "reseller", now));
        outbox.Add(new SsoAccountProvisioned(partnerId, customer.Id, account.Id, accountName, assertion.IdentityProviderEntityId, assertion.NameId, now));
        logger.LogInformation("Customer {CustomerId} of partner {PartnerId} provisioned at its first SAML sign-in", customer.Id, partnerId);
        return account;
    }

    private async Task EnsureContactsAreFreeAsync(Guid partnerId, Person person, CancellationToken cancellationToken)
    {
        if (person.Mobile is { } mobile)
        {
            var holders = await db.Customers.Where(c => c.MobilePhone == mobile).Select(c => c.CreatedByPartnerId).ToListAsync(cancellationToken);
            if (holders.Contains(partnerId))
            {
                throw new ApiException(IdentityErrors.MobileExists);
            }

            if (holders.Count >= options.Value.MaxAccountsPerMobile)
            {
                throw new ApiException(IdentityErrors.MobileLimitReached);
            }
        }

        if (person.Email is { } email && await db.Customers.AnyAsync(c => c.Email == email, cancellationToken))
        {
            throw new ApiException(IdentityErrors.EmailExists);
        }
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The person as the assertion's attributes describe it, named as create-customer names them:
    /// <c>domain_name</c> (the account name), <c>name</c> (display name), <c>email</c>, <c>mobile</c>
    /// (<c>国家码-手机号码</c>, e.g. <c>0086-13800138000</c>). All optional.
    /// </summary>
    private sealed record Person(string? AccountName, string? DisplayName, string? Email, string? Mobile)
    {
        public static Person From(SamlResponseValidation.VerifiedAssertion assertion)
        {
            var attributes = assertion.Attributes;
            var accountName = attributes.GetValueOrDefault("domain_name");
            var displayName = attributes.GetValueOrDefault("name");
            var email = attributes.GetValueOrDefault("email")?.ToLowerInvariant();
            var mobile = attributes.GetValueOrDefault("mobile");
            if (accountName is not null && !Rules.IsValidAccountName(accountName))
            {
                throw new ApiException(IdentityErrors.SamlAttributeInvalid, "domain_name breaks the account name rules.");
            }

            if (email is not null && !Rules.IsValidEmail(email))
            {
                throw new ApiException(IdentityErrors.SamlAttributeInvalid, "email is not an email address.");
            }

            if (mobile is not null && !Rules.IsValidMobile(mobile))
            {
                throw new ApiException(IdentityErrors.SamlAttributeInvalid, "mobile is not 国家码-手机号码 (0086-…).");
            }

            if (displayName is { Length: > 200 })
            {
                throw new ApiException(IdentityErrors.SamlAttributeInvalid, "name is longer than 200 characters.");
            }

            return new Person(accountName, displayName, email, mobile);
        }
    }
}
