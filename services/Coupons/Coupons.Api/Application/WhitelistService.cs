using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>Versioned imports of a partner's cash-coupon and pickup-voucher whitelist.</summary>
public sealed class WhitelistService(CouponsDbContext db, TimeProvider timeProvider)
{
    public const int MaxCustomers = 10_000;

    /// <summary>The current version (0 before the first import) and one page of its customers.</summary>
    public async Task<WhitelistPage> GetAsync(Guid partnerId, PageRequest page, CancellationToken cancellationToken)
    {
        var whitelist = await db.Whitelists.AsNoTracking().FirstOrDefaultAsync(w => w.PartnerId == partnerId, cancellationToken);
        if (whitelist is null)
        {
            return new WhitelistPage(partnerId, 0, 0, null, []);
        }

        var customers = await db.WhitelistEntries.AsNoTracking()
            .Where(e => e.PartnerId == partnerId && e.Version == whitelist.Version)
            .OrderBy(e => e.CustomerId)
            .Select(e => e.CustomerId)
            .Page(page)
            .ToListAsync(cancellationToken);
        return new WhitelistPage(partnerId, whitelist.Version, whitelist.CustomerCount, whitelist.UpdatedAt, customers);
    }

    /// <summary>
    /// Replaces the whitelist with a new version. <paramref name="expectedVersion"/> (If-Match) must be
    /// the current version (0 before the first import); otherwise 412 CBC.0157.
    /// </summary>
    public async Task<WhitelistPage> ImportAsync(
        CurrentCaller caller, Guid partnerId, uint expectedVersion, ImportWhitelistRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var remark = errors.Text(request.Remark, "remark", 256);
        var customerIds = request.CustomerIds ?? throw FieldValidation.Invalid("customer_ids", "customer_ids is required (an empty list clears the whitelist).");
        if (customerIds.Length > MaxCustomers)
        {
            var message = $"customer_ids may list at most {MaxCustomers} customers.";
            throw new ApiException(ErrorCodes.ParameterOutOfRange, message, new Dictionary<string, string[]> { ["customer_ids"] = [message] });
        }

        if (customerIds.Distinct().Count() != customerIds.Length)
        {
            errors.Add("customer_ids", "customer_ids lists a customer twice.");
        }

        errors.ThrowIfAny();
        var now = timeProvider.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO whitelists (partner_id, version, customer_count, updated_at) VALUES ({partnerId}, 0, 0, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        var whitelist = (await db.Whitelists.FromSql($"SELECT * FROM whitelists WHERE partner_id = {partnerId} FOR UPDATE")
            .AsTracking().ToListAsync(cancellationToken)).Single();
        if (whitelist.Version != expectedVersion)
        {
            throw new ApiException(ErrorCodes.PreconditionFailed, $"The whitelist is at version {whitelist.Version}.");
        }

        var version = whitelist.Version + 1;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO whitelist_entries (partner_id, version, customer_id) SELECT {partnerId}, {version}, unnest({customerIds})",
            cancellationToken);
        db.WhitelistVersions.Add(new WhitelistVersion
        {
            PartnerId = partnerId, Version = version, CustomerCount = customerIds.Length, ImportedBy = caller.UserId, Remark = remark, ImportedAt = now,
        });
        whitelist.Version = version;
        whitelist.CustomerCount = customerIds.Length;
        whitelist.UpdatedAt = now;
        whitelist.UpdatedBy = caller.UserId;
        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = partnerId,
            OperationType = OperationType.WhitelistImported,
            OperatorKind = OperatorKind.VendorStaff,
            OperatorId = caller.UserId,
            Remark = remark ?? $"version {version}: {customerIds.Length} customers",
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WhitelistPage(partnerId, version, customerIds.Length, now, []);
    }
}

/// <summary>A whitelist version with one page of its customers.</summary>
public sealed record WhitelistPage(Guid PartnerId, int Version, long TotalCount, DateTimeOffset? UpdatedAt, IReadOnlyList<Guid> CustomerIds);
