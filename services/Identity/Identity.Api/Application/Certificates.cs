using System.Globalization;
using Identity.Api.Data;
using Identity.Api.Data.Configurations;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Certificates (HCIA/HCIP/HCIE) on personal accounts, shared with every partner the account is
/// bound to through an accepted member invitation, until the account leaves that partner
/// (证书信息将同步共享给伙伴). Sharing is read at query time, so leaving stops it at once.
/// </summary>
public sealed class Certificates(IdentityDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public const int MaxExpiringWithinDays = 3650;

    public sealed record NewCertificate(string? Level, string? Track, string? Number, DateOnly? IssuedOn, DateOnly? ExpiresOn);

    /// <summary>A shared certificate with the account that holds it.</summary>
    public sealed record SharedCertificate(MemberCertificate Certificate, string HolderUserName, string? HolderDisplayName);

    public async Task<MemberCertificate> AddAsync(Guid accountId, NewCertificate request, CancellationToken cancellationToken)
    {
        var validation = new FieldValidation();
        var track = validation.RequiredText(request.Track, "track", 64);
        var number = validation.RequiredText(request.Number, "number", 64).ToUpperInvariant();
        var issuedOn = validation.Required(request.IssuedOn, "issued_on");
        var expiresOn = validation.Required(request.ExpiresOn, "expires_on");
        var today = DateOnly.FromDateTime(timeProvider.Now().UtcDateTime);
        validation.Check(request.IssuedOn is null || issuedOn <= today, "issued_on", "issued_on cannot be in the future.");
        validation.ThrowIfAny();
        var level = ParseLevel(request.Level) ?? throw FieldValidation.Refuse(IdentityErrors.UnknownCertificateLevel, "level");
        if (expiresOn <= issuedOn)
        {
            throw FieldValidation.Refuse(IdentityErrors.CertificateExpiryBeforeIssue, "expires_on");
        }

        if (!await db.Users.AnyAsync(a => a.Id == accountId && a.PartnerId == null && a.Kind != AccountKind.VendorStaff, cancellationToken))
        {
            throw ApiException.IllegalState("Certificates are kept on a personal account, not on a partner's or the vendor's account.");
        }

        var now = timeProvider.Now();
        var certificate = new MemberCertificate
        {
            Id = Guid.CreateVersion7(now),
            AccountId = accountId,
            Level = level,
            Track = track,
            Number = number,
            IssuedOn = issuedOn,
            ExpiresOn = expiresOn,
            CreatedAt = now,
        };
        db.MemberCertificates.Add(certificate);
        var sharedWith = await BoundPartnersAsync(accountId, cancellationToken);
        outbox.Add(new MemberCertificateAdded(accountId, certificate.Id, SnakeCaseNames.Of(level), track, expiresOn, [.. sharedWith.Select(p => p.PartnerId)], now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation(MemberCertificateConfiguration.NumberIndex))
        {
            db.ChangeTracker.Clear();
            throw FieldValidation.Refuse(IdentityErrors.CertificateNumberExists, "number");
        }

        return certificate;
    }

    /// <summary>The account's own certificates, soonest expiry first.</summary>
    public async Task<Listing<MemberCertificate>> ListMineAsync(Guid accountId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.MemberCertificates.AsNoTracking().Where(c => c.AccountId == accountId);
        return new(await query.CountAsync(cancellationToken), await query.OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).Page(page).ToListAsync(cancellationToken));
    }

    /// <summary>
    /// The certificates of the accounts bound to the partner now, soonest expiry first; by level,
    /// and those expiring within <paramref name="expiringWithinDays"/> days (not yet expired).
    /// </summary>
    public async Task<Listing<SharedCertificate>> ListSharedAsync(
        Guid partnerId, PageRequest page, string? level, int? expiringWithinDays, CancellationToken cancellationToken)
    {
        CertificateLevel? levelFilter = Rules.Clean(level) is null ? null : ParseLevel(level) ?? throw FieldValidation.Refuse(IdentityErrors.UnknownCertificateLevel, "level");
        if (expiringWithinDays is < 1 or > MaxExpiringWithinDays)
        {
            throw FieldValidation.Invalid("expiring_within_days", $"expiring_within_days is between 1 and {MaxExpiringWithinDays}.");
        }

        var boundAccounts = db.MemberInvitations
            .Where(i => i.PartnerId == partnerId && i.AcceptedBy != null && !db.MemberDepartures.Any(d => d.InvitationId == i.Id))
            .Select(i => i.AcceptedBy!.Value);
        var query = db.MemberCertificates.AsNoTracking().Where(c => boundAccounts.Contains(c.AccountId));
        if (levelFilter is { } wanted)
        {
            query = query.Where(c => c.Level == wanted);
        }

        if (expiringWithinDays is { } days)
        {
            var today = DateOnly.FromDateTime(timeProvider.Now().UtcDateTime);
            var until = today.AddDays(days);
            query = query.Where(c => c.ExpiresOn >= today && c.ExpiresOn <= until);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).Page(page)
            .Join(db.Users, c => c.AccountId, a => a.Id, (c, a) => new SharedCertificate(c, a.UserName!, a.DisplayName))
            .ToListAsync(cancellationToken);
        return new(total, items);
    }

    /// <summary>The personal account leaves the partner: its certificates stop being shared with it. 404 CBC.0156 when not bound.</summary>
    public async Task LeaveAsync(Guid accountId, Guid partnerId, CancellationToken cancellationToken)
    {
        var bindings = await db.MemberInvitations.AsNoTracking()
            .Where(i => i.PartnerId == partnerId && i.AcceptedBy == accountId && !db.MemberDepartures.Any(d => d.InvitationId == i.Id))
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        if (bindings.Count == 0)
        {
            throw ApiException.NotFound("The account is not bound to this partner.");
        }

        var now = timeProvider.Now();
        db.MemberDepartures.AddRange(bindings.Select(id => new MemberDeparture { InvitationId = id, AccountId = accountId, PartnerId = partnerId, LeftAt = now }));
        outbox.Add(new MemberPartnerBindingEnded(partnerId, accountId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same departure, written by a request that ran at the same time.
            db.ChangeTracker.Clear();
            throw ApiException.NotFound("The account is not bound to this partner.");
        }
    }

    /// <summary>The partners the personal account is bound to now (its certificates are shared with them).</summary>
    public async Task<IReadOnlyList<(Guid PartnerId, string CompanyName, DateTimeOffset BoundAt)>> BoundPartnersAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var rows = await db.MemberInvitations.AsNoTracking()
            .Where(i => i.AcceptedBy == accountId && !db.MemberDepartures.Any(d => d.InvitationId == i.Id))
            .Join(db.Partners, i => i.PartnerId, p => p.Id, (i, p) => new { p.Id, p.CompanyName, BoundAt = i.AcceptedAt!.Value })
            .OrderBy(r => r.BoundAt)
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Id).Select(g => (g.Key, g.First().CompanyName, g.First().BoundAt))];
    }

    private static CertificateLevel? ParseLevel(string? level) =>
        Rules.Clean(level)?.ToLower(CultureInfo.InvariantCulture) switch
        {
            "hcia" => CertificateLevel.Hcia,
            "hcip" => CertificateLevel.Hcip,
            "hcie" => CertificateLevel.Hcie,
            _ => null,
        };
}
