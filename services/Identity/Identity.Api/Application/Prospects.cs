using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Customer pre-registration (报备): a partner claims a prospect's company name, mobile and email
/// for 15 days. Claims are rows keyed by the fact, so two partners registering the same prospect at
/// the same time cannot both win; a per-partner advisory lock keeps the cap of 100 exact.
/// </summary>
public sealed class Prospects(IdentityDbContext db, IOutbox outbox, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    /// <summary>A pre-registration as the partner sent it; <see cref="RegisterAsync"/> checks it.</summary>
    /// <summary><c>UserName</c>: the customer account chosen when several carry the mobile number (<see cref="AccountChoice"/>).</summary>
    public sealed record NewProspect(string? CompanyName, string? ContactName, string? MobilePhone, string? Email, AssociationType? AssociationType, string? UserName = null);

    public async Task<Prospect> RegisterAsync(Guid partnerId, Guid registeredBy, NewProspect newProspect, CancellationToken cancellationToken)
    {
        var request = Checked(newProspect);
        var accountName = await AccountChoice.CustomerAccountForMobileAsync(db, request.MobilePhone, Rules.Clean(newProspect.UserName), cancellationToken);
        var now = timeProvider.Now();
        var prospect = new Prospect
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            CompanyName = request.CompanyName,
            ContactName = request.ContactName,
            MobilePhone = request.MobilePhone,
            AccountName = accountName,
            Email = request.Email,
            AssociationType = request.AssociationType,
            Status = ProspectStatus.Registered,
            ProtectedUntil = now + options.Value.ProspectProtection,
            CreatedAt = now,
            CreatedBy = registeredBy,
            UpdatedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('prospects:' || {partnerId.ToString()}))", cancellationToken);
        var pending = await db.Prospects.CountAsync(
            p => p.PartnerId == partnerId && (p.Status == ProspectStatus.Registered || p.Status == ProspectStatus.Invited) && p.ProtectedUntil > now,
            cancellationToken);
        if (pending >= options.Value.MaxPendingProspects)
        {
            throw new ApiException(IdentityErrors.ProspectLimitReached);
        }

        foreach (var key in ClaimKeys(request.CompanyName, request.MobilePhone, request.Email).Order(StringComparer.Ordinal))
        {
            if (!await TryClaimAsync(key, partnerId, prospect.Id, prospect.ProtectedUntil, now, cancellationToken))
            {
                throw new ApiException(IdentityErrors.ProspectConflict);
            }
        }

        db.Prospects.Add(prospect);
        outbox.Add(new CustomerRegistered(partnerId, prospect.Id, prospect.ProtectedUntil, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return prospect;
    }

    /// <summary>Adds an email to a pre-registration (needed for an online invitation), claiming it like the others.</summary>
    public async Task<Prospect> AddEmailAsync(Guid partnerId, Guid prospectId, uint expectedVersion, string? requestedEmail, CancellationToken cancellationToken)
    {
        var email = Rules.Clean(requestedEmail)?.ToLowerInvariant();
        if (email is null || !Rules.IsValidEmail(email))
        {
            throw FieldValidation.Invalid("email", "email must be a valid email address.");
        }

        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var prospect = await db.Prospects.SingleOrDefaultAsync(p => p.Id == prospectId && p.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        db.Entry(prospect).Property(p => p.Version).OriginalValue = expectedVersion;
        if (!prospect.IsPending(now))
        {
            throw ApiException.IllegalState("Only a pending pre-registration can be changed.");
        }

        if (!await TryClaimAsync(EmailKey(email), partnerId, prospect.Id, prospect.ProtectedUntil, now, cancellationToken))
        {
            throw new ApiException(IdentityErrors.ProspectConflict);
        }

        prospect.Email = email;
        prospect.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return prospect;
    }

    /// <summary>Whether a partner other than <paramref name="partnerId"/> protects one of the customer's contacts now.</summary>
    public Task<bool> ClaimedByAnotherPartnerAsync(Guid partnerId, Customer customer, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var keys = ClaimKeys(customer.DisplayName, customer.MobilePhone, customer.Email).ToList();
        return db.ProspectClaims.AnyAsync(c => keys.Contains(c.ClaimKey) && c.PartnerId != partnerId && c.ProtectedUntil > now, cancellationToken);
    }

    private async Task<bool> TryClaimAsync(string key, Guid partnerId, Guid prospectId, DateTimeOffset protectedUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A second registration of the same fact waits on the first one's row, then sees it protected.
        var won = await db.Database.SqlQuery<string>($"""
            INSERT INTO prospect_claims (claim_key, partner_id, prospect_id, protected_until)
            VALUES ({key}, {partnerId}, {prospectId}, {protectedUntil})
            ON CONFLICT (claim_key) DO UPDATE
                SET partner_id = EXCLUDED.partner_id, prospect_id = EXCLUDED.prospect_id, protected_until = EXCLUDED.protected_until
                WHERE prospect_claims.protected_until <= {now}
            RETURNING claim_key AS "Value"
            """).ToListAsync(cancellationToken);
        return won.Count == 1;
    }

    private static IEnumerable<string> ClaimKeys(string? companyName, string? mobile, string? email)
    {
        if (!string.IsNullOrWhiteSpace(companyName))
        {
            yield return "company:" + string.Join(' ', companyName.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        }

        if (mobile is not null)
        {
            yield return "mobile:" + mobile;
        }

        if (email is not null)
        {
            yield return EmailKey(email);
        }
    }

    private static string EmailKey(string email) => "email:" + email.ToLowerInvariant();

    public async Task<Listing<Prospect>> ListAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.Prospects.AsNoTracking().Where(p => p.PartnerId == partnerId);
        var total = await query.CountAsync(cancellationToken);
        return new(total, await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Page(page).ToListAsync(cancellationToken));
    }

    /// <summary>One of the partner's pre-registrations; 404 CBC.0156 otherwise.</summary>
    public async Task<Prospect> GetAsync(Guid partnerId, Guid prospectId, CancellationToken cancellationToken) =>
        await db.Prospects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == prospectId && p.PartnerId == partnerId, cancellationToken)
        ?? throw ApiException.NotFound();

    private sealed record CheckedProspect(string CompanyName, string ContactName, string? MobilePhone, string? Email, AssociationType AssociationType);

    private static CheckedProspect Checked(NewProspect request)
    {
        var company = Rules.Clean(request.CompanyName);
        var contact = Rules.Clean(request.ContactName);
        var mobile = Rules.Clean(request.MobilePhone);
        var email = Rules.Clean(request.Email)?.ToLowerInvariant();
        new FieldValidation()
            .Check(company is { Length: <= 200 }, "company_name", "company_name is required, at most 200 characters.")
            .Check(contact is { Length: <= 100 }, "contact_name", "contact_name is required, at most 100 characters.")
            .Check(mobile is not null || email is not null, "mobile_phone", "A mobile_phone or an email is required.")
            .Check(email is null || Rules.IsValidEmail(email), "email", "email must be a valid email address.")
            .ThrowIfAny();
        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        return new CheckedProspect(company!, contact!, mobile, email, request.AssociationType ?? AssociationType.Referral);
    }
}
