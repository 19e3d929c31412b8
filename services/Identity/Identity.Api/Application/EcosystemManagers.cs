using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// A partner's ecosystem manager (生态经理, PDM), assigned, replaced and removed by vendor staff.
/// Changes of one partner run one at a time under a transaction-scoped advisory lock, so two staff
/// assigning at once leave exactly one current manager and both assignments in the history; the
/// partial unique index on the current row is the last guard.
/// </summary>
public sealed class EcosystemManagers(IdentityDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    private static readonly VendorRole[] EligibleRoles = [VendorRole.Pdm, VendorRole.EcosystemManager];

    /// <summary>The assignment as asked for: the staff account and the contact details the partner sees.</summary>
    public sealed record Assignment(Guid? StaffAccountId, string? DisplayName, string? Email, string? MobilePhone);

    public async Task<PartnerEcosystemManager> AssignAsync(Guid partnerId, Assignment request, Guid assignedBy, CancellationToken cancellationToken)
    {
        var validation = new FieldValidation();
        var staffAccountId = validation.Required(request.StaffAccountId, "staff_account_id");
        var displayName = validation.Text(request.DisplayName, "display_name", 64);
        var email = validation.RequiredText(request.Email, "email", Rules.EmailMaxLength).ToLowerInvariant();
        validation.Check(email.Length == 0 || Rules.IsValidEmail(email), "email", "email must be a valid email address.");
        validation.ThrowIfAny();
        var mobile = Rules.Clean(request.MobilePhone);
        if (mobile is not null && !Rules.IsValidMobile(mobile))
        {
            throw FieldValidation.Refuse(IdentityErrors.InvalidMobile, "mobile_phone");
        }

        await EnsurePartnerAsync(partnerId, cancellationToken);
        var staff = await db.Users.AsNoTracking()
            .Where(a => a.Id == staffAccountId && a.Kind == AccountKind.VendorStaff && a.VendorRole != null && EligibleRoles.Contains(a.VendorRole.Value))
            .Select(a => new { a.DisplayName, a.UserName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw FieldValidation.Refuse(IdentityErrors.NotAnEcosystemManager, "staff_account_id");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(partnerId, cancellationToken);
        var now = timeProvider.Now();
        var current = await CurrentAsync(partnerId, tracked: true, cancellationToken);
        if (current is not null)
        {
            current.EndedAt = now;
            current.EndedBy = assignedBy;
            // The end is written before the new row, so the partial unique index never sees two current rows.
            await db.SaveChangesAsync(cancellationToken);
        }

        var assigned = new PartnerEcosystemManager
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            StaffAccountId = staffAccountId,
            DisplayName = displayName ?? staff.DisplayName ?? staff.UserName!,
            Email = email,
            MobilePhone = mobile,
            AssignedAt = now,
            AssignedBy = assignedBy,
        };
        db.PartnerEcosystemManagers.Add(assigned);
        outbox.Add(new PartnerEcosystemManagerAssigned(partnerId, staffAccountId, current?.StaffAccountId, assignedBy, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return assigned;
    }

    /// <summary>Ends the current assignment; 404 CBC.0156 when the partner has none.</summary>
    public async Task RemoveAsync(Guid partnerId, Guid removedBy, CancellationToken cancellationToken)
    {
        await EnsurePartnerAsync(partnerId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(partnerId, cancellationToken);
        var current = await CurrentAsync(partnerId, tracked: true, cancellationToken)
            ?? throw ApiException.NotFound("The partner has no ecosystem manager.");
        var now = timeProvider.Now();
        current.EndedAt = now;
        current.EndedBy = removedBy;
        outbox.Add(new PartnerEcosystemManagerRemoved(partnerId, current.StaffAccountId, removedBy, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The partner's current ecosystem manager, or null.</summary>
    public Task<PartnerEcosystemManager?> CurrentAsync(Guid partnerId, CancellationToken cancellationToken) =>
        CurrentAsync(partnerId, tracked: false, cancellationToken);

    /// <summary>Every assignment of the partner, newest first (vendor staff).</summary>
    public async Task<Listing<PartnerEcosystemManager>> HistoryAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        await EnsurePartnerAsync(partnerId, cancellationToken);
        var query = db.PartnerEcosystemManagers.AsNoTracking().Where(m => m.PartnerId == partnerId);
        return new(
            await query.CountAsync(cancellationToken),
            await query.OrderByDescending(m => m.AssignedAt).ThenByDescending(m => m.Id).Page(page).ToListAsync(cancellationToken));
    }

    private Task<PartnerEcosystemManager?> CurrentAsync(Guid partnerId, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.PartnerEcosystemManagers.Where(m => m.PartnerId == partnerId && m.EndedAt == null);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task EnsurePartnerAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            throw ApiException.NotFound();
        }
    }

    private Task LockAsync(Guid partnerId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext('ecosystem-manager:' || {partnerId.ToString()}))", cancellationToken);
}
