using Coupons.Api.Apis;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using Coupons.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>
/// Issues coupons out of a quota to up to 100 customers. Each customer gets a coupon or an error
/// entry. The quota is charged with one conditional UPDATE for all eligible customers (or, when it
/// cannot cover them all, under its row lock for as many as it covers), so concurrent issuers never
/// overspend.
/// </summary>
public sealed class IssuingService(CouponsDbContext db, IOutbox outbox, TimeProvider timeProvider, IOptions<CouponsOptions> options)
{
    public const int MaxCustomersPerCall = 100;

    public async Task<IssueCouponsResponse> IssueAsync(CurrentCaller caller, IssueCouponsRequest request, CancellationToken cancellationToken)
    {
        var partnerId = caller.RequirePartnerGuid();
        var now = timeProvider.Now();
        var errors = new FieldErrors();
        var quotaId = errors.Required(request.QuotaId, "quota_id");
        var faceValue = errors.Amount(request.FaceValue, "face_value");
        var remark = errors.OptionalText(request.Remark, "remark", 256);
        var requested = errors.Restrictions(request, options.Value.EffectiveCloudServiceTypes);
        FieldErrors.RequireCount(request.CustomerIds, "customer_ids", MaxCustomersPerCall);
        var customerIds = request.CustomerIds!;
        if (customerIds.Distinct().Count() != customerIds.Length)
        {
            errors.Add("customer_ids", "customer_ids lists a customer twice.");
        }

        errors.ThrowIfAny();

        var quota = await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId && q.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");
        if (!quota.IsIssuable(now))
        {
            throw new ApiException(CouponErrors.QuotaNotUsable);
        }

        var restrictions = Restrictions.Narrow(quota, requested);
        if (quota.QuotaType != QuotaType.PickupVoucher && restrictions.MaxOrderShare is not null)
        {
            throw ApiException.InvalidField("max_order_share", "max_order_share applies to pickup vouchers only.");
        }

        var (validFrom, expiresAt) = Validity.Within(quota, request.ValidTime, request.ExpireTime, now);
        if (request.IndirectPartnerId is { } reseller && !await db.IsLinkedAsync(partnerId, reseller, cancellationToken))
        {
            throw new ApiException(CouponErrors.ResellerNotLinked);
        }

        var owner = request.IndirectPartnerId ?? partnerId;
        var failed = new Dictionary<Guid, ErrorDetail>();
        var eligible = await EligibleCustomersAsync(partnerId, owner, quota.QuotaType, customerIds, failed, cancellationToken);

        var coupons = new List<Coupon>();
        if (eligible.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var units = await QuotaSql.TryTakeAsync(db, quota.Id, partnerId, faceValue * eligible.Count, now, cancellationToken)
                ? eligible.Count
                : eligible.Count == 1 ? 0 : await QuotaSql.TakeUnitsAsync(db, quota.Id, partnerId, faceValue, eligible.Count, now, cancellationToken);
            if (units == 0 && !await StillIssuableAsync(quota.Id, now, cancellationToken))
            {
                throw new ApiException(CouponErrors.QuotaNotUsable);
            }

            foreach (var customerId in eligible.Skip(units))
            {
                failed[customerId] = Failure(customerId, CouponErrors.QuotaInsufficient);
            }

            foreach (var customerId in eligible.Take(units))
            {
                var coupon = NewCoupon(quota, partnerId, request.IndirectPartnerId, customerId, faceValue, validFrom, expiresAt, restrictions, caller, remark, now);
                coupons.Add(coupon);
                Record(coupon, caller, now);
            }

            if (coupons.Count > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        var issued = coupons.ToDictionary(c => c.CustomerId);
        return new IssueCouponsResponse(
            [.. customerIds.Where(issued.ContainsKey).Select(id => new IssuedCoupon(id, issued[id].Id))],
            [.. customerIds.Where(failed.ContainsKey).Select(id => failed[id])]);
    }

    /// <summary>
    /// The customers that may receive a coupon, in request order: actively associated with the owner
    /// as reseller-type customers and, for cash coupons and pickup vouchers, on the issuer's whitelist.
    /// </summary>
    private async Task<List<Guid>> EligibleCustomersAsync(
        Guid issuerId, Guid ownerId, QuotaType type, Guid[] customerIds, Dictionary<Guid, ErrorDetail> failed, CancellationToken cancellationToken)
    {
        var associations = await db.CustomerAssociations.AsNoTracking()
            .Where(a => customerIds.Contains(a.CustomerId))
            .ToDictionaryAsync(a => a.CustomerId, cancellationToken);
        var whitelisted = type == QuotaType.Voucher ? null : await WhitelistedAsync(issuerId, customerIds, cancellationToken);
        var eligible = new List<Guid>(customerIds.Length);
        foreach (var customerId in customerIds)
        {
            var association = associations.GetValueOrDefault(customerId);
            if (association is null || !association.Active || association.OwnerPartnerId != ownerId)
            {
                failed[customerId] = Failure(customerId, CouponErrors.CustomerNotAssociated);
            }
            else if (association.AssociationType != CustomerAssociation.Reseller)
            {
                failed[customerId] = Failure(customerId, CouponErrors.CustomerNotResellerType);
            }
            else if (whitelisted is not null && !whitelisted.Contains(customerId))
            {
                failed[customerId] = Failure(customerId, CouponErrors.CustomerNotWhitelisted);
            }
            else
            {
                eligible.Add(customerId);
            }
        }

        return eligible;
    }

    private async Task<HashSet<Guid>> WhitelistedAsync(Guid partnerId, Guid[] customerIds, CancellationToken cancellationToken)
    {
        var listed = await (
            from whitelist in db.Whitelists
            join entry in db.WhitelistEntries on new { whitelist.PartnerId, whitelist.Version } equals new { entry.PartnerId, entry.Version }
            where whitelist.PartnerId == partnerId && customerIds.Contains(entry.CustomerId)
            select entry.CustomerId).ToListAsync(cancellationToken);
        return [.. listed];
    }

    private Task<bool> StillIssuableAsync(Guid quotaId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Quotas.AnyAsync(q => q.Id == quotaId && q.Status == QuotaStatus.Normal && q.ValidFrom <= now && q.ExpiresAt > now, cancellationToken);

    private static Coupon NewCoupon(
        Quota quota, Guid issuerId, Guid? indirectPartnerId, Guid customerId, decimal faceValue, DateTimeOffset validFrom, DateTimeOffset expiresAt,
        Restrictions restrictions, CurrentCaller caller, string? remark, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CouponType = quota.QuotaType,
        Source = CouponSource.PartnerIssue,
        QuotaId = quota.Id,
        IssuerPartnerId = issuerId,
        IndirectPartnerId = indirectPartnerId,
        CustomerId = customerId,
        FaceValue = faceValue,
        Balance = faceValue,
        Currency = quota.Currency,
        Status = CouponStatus.Available,
        ValidFrom = validFrom,
        ExpiresAt = expiresAt,
        CloudServiceTypes = restrictions.CloudServiceTypes,
        ProductIds = restrictions.ProductIds,
        BillingModes = restrictions.BillingModes,
        Regions = restrictions.Regions,
        MinOrderAmount = restrictions.MinOrderAmount,
        MaxOrderShare = restrictions.MaxOrderShare,
        IssuedBy = caller.OperatorId(),
        Remark = remark,
        IssuedAt = now,
        UpdatedAt = now,
    };

    private void Record(Coupon coupon, CurrentCaller caller, DateTimeOffset now)
    {
        db.Coupons.Add(coupon);
        db.CouponLedgerEntries.Add(new CouponLedgerEntry
        {
            CouponId = coupon.Id, Kind = CouponLedgerKind.Issued, Amount = coupon.FaceValue, BalanceAfter = coupon.Balance, OccurredAt = now,
        });
        db.QuotaMovements.Add(new QuotaMovement
        {
            QuotaId = coupon.QuotaId!.Value, Kind = QuotaMovementKind.Issued, Amount = -coupon.FaceValue, CouponId = coupon.Id, OccurredAt = now,
        });
        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = coupon.IssuerPartnerId!.Value,
            OperationType = OperationType.CouponIssued,
            OperatorKind = OperatorKind.Partner,
            OperatorId = caller.OperatorId(),
            QuotaId = coupon.QuotaId,
            CouponId = coupon.Id,
            CustomerId = coupon.CustomerId,
            CounterpartPartnerId = coupon.IndirectPartnerId,
            Amount = coupon.FaceValue,
            Currency = coupon.Currency,
            Remark = coupon.Remark,
            OccurredAt = now,
        });
        outbox.Add(new CouponIssued(
            coupon.Id, SnakeCaseEnumConverter<QuotaType>.NameOf(coupon.CouponType), coupon.QuotaId, coupon.IssuerPartnerId, coupon.IndirectPartnerId,
            coupon.CustomerId, coupon.FaceValue, coupon.Currency, coupon.ValidFrom, coupon.ExpiresAt, now));
    }

    private static ErrorDetail Failure(Guid customerId, ErrorCode error) => new(customerId.ToString(), error.Code, error.Message);
}
