using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Opportunities.Api.Data;
using Opportunities.Api.Domain;
using PartnerPlatform.Contracts.Opportunities;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.Application;

/// <summary>A deal registration; <c>reseller_partner_id</c> with <c>customer_id</c> picks a linked reseller's customer.</summary>
public sealed record DealInput(
    string? DealName = null,
    Guid? CustomerId = null,
    string? CustomerName = null,
    string? CustomerAccountName = null,
    string? AccountManagerName = null,
    string? ProductCode = null,
    MoneyInput? Amount = null,
    Guid? ResellerPartnerId = null);

/// <summary>The four filters of the seed's deal query; each matches part of the text, case-insensitively.</summary>
public sealed record DealFilter(string? DealName, string? CustomerName, string? CustomerAccountName, string? AccountManagerName);

/// <summary>A customer the caller may register a deal for, through one of its actively linked resellers.</summary>
public sealed record ResellerCustomer(Guid CustomerId, Guid ResellerPartnerId);

/// <summary>
/// Deal registration with a protection window: while a registration of the same customer and
/// product by one partner is protected, another partner's is refused with the window's end only.
/// Registrations of one customer and product are serialised by an advisory lock on their key.
/// </summary>
public sealed class Deals(OpportunitiesDbContext db, IOutbox outbox, TimeProvider timeProvider, IOptions<OpportunitiesOptions> options)
{
    public async Task<Deal> RegisterAsync(CurrentCaller caller, DealInput input, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var errors = new FieldValidation();
        var now = timeProvider.Now();
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(now),
            PartnerId = partnerId,
            DealName = errors.RequiredText(input.DealName, "deal_name", 200),
            CustomerId = input.CustomerId,
            CustomerName = errors.RequiredText(input.CustomerName, "customer_name", 200),
            CustomerAccountName = errors.RequiredText(input.CustomerAccountName, "customer_account_name", 200),
            AccountManagerName = errors.RequiredText(input.AccountManagerName, "account_manager_name", 100),
            ProductCode = errors.RequiredText(input.ProductCode, "product_code", 100),
            Amount = errors.Amount(input.Amount?.Amount, "amount.amount"),
            Currency = errors.Currency(input.Amount?.Currency, "amount.currency"),
            ResellerPartnerId = input.ResellerPartnerId,
            RegisteredAt = now,
            ProtectedUntil = now.AddDays(options.Value.DealProtectionDays),
        };
        if (input.ResellerPartnerId is not null && input.CustomerId is null)
        {
            errors.Add("customer_id", "customer_id is required with reseller_partner_id.");
        }

        errors.ThrowIfAny();
        deal.CustomerKey = deal.CustomerId?.ToString() ?? deal.CustomerAccountName.ToLowerInvariant();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (deal.ResellerPartnerId is { } resellerId)
        {
            await RequireResellerCustomerAsync(partnerId, resellerId, deal.CustomerId!.Value, cancellationToken);
        }
        else if (deal.CustomerId is { } customerId
            && !await db.CustomerAssociations.AnyAsync(a => a.CustomerId == customerId && a.OwnerPartnerId == partnerId && a.Active, cancellationToken))
        {
            throw new ApiException(OpportunitiesErrors.CustomerNotAssociated);
        }

        var lockKey = $"deal|{deal.CustomerKey}|{deal.ProductCode}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", cancellationToken);
        var protecting = await db.Deals.AsNoTracking()
            .Where(d => d.CustomerKey == deal.CustomerKey && d.ProductCode == deal.ProductCode && d.ProtectedUntil > now)
            .OrderByDescending(d => d.ProtectedUntil)
            .Select(d => new { d.PartnerId, d.ProtectedUntil })
            .FirstOrDefaultAsync(cancellationToken);
        if (protecting is not null)
        {
            throw protecting.PartnerId == partnerId
                ? new ApiException(OpportunitiesErrors.DealAlreadyRegistered, $"Your registration is protected until {protecting.ProtectedUntil:yyyy-MM-ddTHH:mm:ssZ}.")
                : new ApiException(OpportunitiesErrors.DealProtected, $"This customer and product are protected until {protecting.ProtectedUntil:yyyy-MM-ddTHH:mm:ssZ}.");
        }

        db.Deals.Add(deal);
        outbox.Add(new DealRegistered(
            deal.Id, deal.PartnerId, deal.DealName, deal.CustomerId, deal.CustomerName, deal.CustomerAccountName, deal.AccountManagerName,
            deal.ProductCode, deal.Amount, deal.Currency, deal.ResellerPartnerId, deal.ProtectedUntil, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deal;
    }

    public async Task<Deal> GetAsync(CurrentCaller caller, Guid id, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Deals.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.PartnerId == partnerId, cancellationToken) ?? throw ApiException.NotFound();
    }

    public async Task<(long Total, List<Deal> Items)> QueryAsync(CurrentCaller caller, DealFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var query = db.Deals.AsNoTracking().Where(d => d.PartnerId == partnerId);
        if (Pattern(filter.DealName) is { } dealName)
        {
            query = query.Where(d => EF.Functions.ILike(d.DealName, dealName, "\\"));
        }

        if (Pattern(filter.CustomerName) is { } customerName)
        {
            query = query.Where(d => EF.Functions.ILike(d.CustomerName, customerName, "\\"));
        }

        if (Pattern(filter.CustomerAccountName) is { } accountName)
        {
            query = query.Where(d => EF.Functions.ILike(d.CustomerAccountName, accountName, "\\"));
        }

        if (Pattern(filter.AccountManagerName) is { } managerName)
        {
            query = query.Where(d => EF.Functions.ILike(d.AccountManagerName, managerName, "\\"));
        }

        var total = await query.LongCountAsync(cancellationToken);
        return (total, await query.OrderByDescending(d => d.RegisteredAt).ThenBy(d => d.Id).Page(page).ToListAsync(cancellationToken));
    }

    /// <summary>The customers of the caller's actively linked resellers: the only reseller customers a deal may name.</summary>
    public async Task<(long Total, List<ResellerCustomer> Items)> ResellerCustomersAsync(CurrentCaller caller, PageRequest page, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var query = (
            from link in db.ResellerLinks
            where link.DistributorPartnerId == partnerId && link.Status == "active"
            join association in db.CustomerAssociations on link.ResellerPartnerId equals association.OwnerPartnerId
            where association.Active
            select new { association.CustomerId, link.ResellerPartnerId }).Distinct();
        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(c => c.ResellerPartnerId).ThenBy(c => c.CustomerId).Page(page).ToListAsync(cancellationToken);
        return (total, [.. rows.Select(r => new ResellerCustomer(r.CustomerId, r.ResellerPartnerId))]);
    }

    private async Task RequireResellerCustomerAsync(Guid partnerId, Guid resellerId, Guid customerId, CancellationToken cancellationToken)
    {
        var linked = await db.ResellerLinks.AnyAsync(
            l => l.DistributorPartnerId == partnerId && l.ResellerPartnerId == resellerId && l.Status == "active", cancellationToken);
        var owned = await db.CustomerAssociations.AnyAsync(a => a.CustomerId == customerId && a.OwnerPartnerId == resellerId && a.Active, cancellationToken);
        if (!linked || !owned)
        {
            throw new ApiException(OpportunitiesErrors.ResellerCustomerNotChoosable);
        }
    }

    private static string? Pattern(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > 200)
        {
            throw FieldValidation.Invalid("query", "A filter is at most 200 characters.");
        }

        return "%" + trimmed.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }
}
