using Identity.Api.Data;
using Identity.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.Application;

/// <summary>
/// Customer warnings (客户预警): refreshed once a day from the recorded account facts (low balance,
/// arrears, resources expiring); only the customer's responsible owner closes one.
/// </summary>
public sealed class CustomerWarnings(
    IdentityDbContext db, AccountManagers accountManagers, IOptions<IdentityOptions> options, TimeProvider timeProvider)
{
    public sealed record RefreshResult(DateOnly Day, int Raised, int Resolved);

    /// <summary>
    /// Raises warnings whose condition holds, refreshes the open ones and resolves those whose
    /// condition went away. Once per day unless <paramref name="force"/>; instances running it at the
    /// same moment skip (an advisory lock). Null when skipped.
    /// </summary>
    public async Task<RefreshResult?> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext('customer-warnings')) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!locked || (!force && await db.WarningRefreshRuns.AnyAsync(r => r.Day == day, cancellationToken)))
        {
            return null;
        }

        var limits = options.Value;
        var candidates = await (
            from association in db.Associations
            join facts in db.CustomerAccountFacts on association.CustomerId equals facts.CustomerId
            where association.EndedAt == null
            select new { association.CustomerId, association.PartnerId, facts }).ToListAsync(cancellationToken);
        var due = new HashSet<(Guid Customer, Guid Partner, CustomerWarningKind Kind)>();
        foreach (var c in candidates)
        {
            if (c.facts.Balance < limits.LowBalanceThreshold)
            {
                due.Add((c.CustomerId, c.PartnerId, CustomerWarningKind.LowBalance));
            }

            if (c.facts.ArrearsAmount > 0)
            {
                due.Add((c.CustomerId, c.PartnerId, CustomerWarningKind.Arrears));
            }

            if (c.facts.ResourcesExpiringAt > now && c.facts.ResourcesExpiringAt <= now + limits.ResourcesExpiringWithin)
            {
                due.Add((c.CustomerId, c.PartnerId, CustomerWarningKind.ResourcesExpiring));
            }
        }

        var open = await db.CustomerWarnings.Where(w => w.Status == CustomerWarningStatus.Open).ToListAsync(cancellationToken);
        var resolved = 0;
        foreach (var warning in open)
        {
            if (due.Remove((warning.CustomerId, warning.PartnerId, warning.Kind)))
            {
                warning.RefreshedAt = now;
            }
            else
            {
                warning.Status = CustomerWarningStatus.Resolved;
                warning.ClosedAt = now;
                resolved++;
            }
        }

        foreach (var (customer, partner, kind) in due)
        {
            db.CustomerWarnings.Add(new CustomerWarning
            {
                Id = Guid.CreateVersion7(now),
                CustomerId = customer,
                PartnerId = partner,
                Kind = kind,
                Status = CustomerWarningStatus.Open,
                RaisedAt = now,
                RefreshedAt = now,
            });
        }

        var run = await db.WarningRefreshRuns.SingleOrDefaultAsync(r => r.Day == day, cancellationToken);
        if (run is not null)
        {
            db.WarningRefreshRuns.Remove(run);
        }

        db.WarningRefreshRuns.Add(new WarningRefreshRun { Day = day, RanAt = now, Raised = due.Count });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RefreshResult(day, due.Count, resolved);
    }

    public async Task<CustomerWarning> CloseAsync(Guid partnerId, Guid accountId, Guid warningId, string? closingNote, CancellationToken cancellationToken)
    {
        var note = Rules.Clean(closingNote);
        if (note is not { Length: <= 500 })
        {
            throw FieldValidation.Invalid("note", "note is required, at most 500 characters.");
        }

        var warning = await db.CustomerWarnings.SingleOrDefaultAsync(w => w.Id == warningId && w.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound();
        if (warning.Status != CustomerWarningStatus.Open)
        {
            throw ApiException.IllegalState("The warning is not open.");
        }

        var association = await db.OwnedAssociationAsync(partnerId, warning.CustomerId, cancellationToken);
        if (!await accountManagers.IsResponsibleOwnerAsync(association, accountId, cancellationToken))
        {
            throw new ApiException(ErrorCodes.AccessDenied, "Only the customer's responsible owner handles its warnings.");
        }

        warning.Status = CustomerWarningStatus.Closed;
        warning.ClosedAt = timeProvider.Now();
        warning.ClosedBy = accountId;
        warning.Note = note;
        await db.SaveChangesAsync(cancellationToken);
        return warning;
    }

    public async Task<Listing<CustomerWarning>> ListAsync(Guid partnerId, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        var query = db.CustomerWarnings.AsNoTracking().Where(w => w.PartnerId == partnerId);
        if (SnakeCaseEnum.ParseOptional<CustomerWarningStatus>(status, "status") is { } wanted)
        {
            query = query.Where(w => w.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        return new(total, await query.OrderByDescending(w => w.RaisedAt).ThenBy(w => w.Id).Page(page).ToListAsync(cancellationToken));
    }
}
