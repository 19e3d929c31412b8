using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>
/// The ordering system pays part of an order with a coupon. One coupon per order; the order id makes
/// the call idempotent: a replay answers the first redemption and spends nothing.
/// </summary>
public sealed class RedemptionService(CouponsDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public async Task<Redemption> RedeemAsync(CurrentCaller caller, Guid couponId, RedeemCouponRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var orderId = errors.RequiredText(request.OrderId, "order_id", 64);
        var orderAmount = errors.Amount(request.OrderAmount, "order_amount");
        var currency = errors.Currency(request.Currency, "currency");
        var order = new OrderFacts(
            errors.Text(request.CloudServiceType, "cloud_service_type", 64),
            errors.Text(request.ProductId, "product_id", 64),
            errors.Text(request.BillingMode, "billing_mode", 32),
            errors.Text(request.Region, "region", 32));
        errors.ThrowIfAny();

        // A customer redeems its own coupons only; the ordering system's vendor account any coupon.
        var customerId = caller.HasVendorRole(VendorRoles.Redeemers) ? null : caller.CustomerGuidOrNull;
        try
        {
            return await RedeemOnceAsync(caller, couponId, customerId, orderId, orderAmount, currency, order, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same order id was redeemed at the same moment through another coupon or request.
            db.ChangeTracker.Clear();
            var first = await db.Redemptions.AsNoTracking().FirstAsync(r => r.OrderId == orderId, cancellationToken);
            return Replay(first, couponId, orderAmount, currency);
        }
    }

    private async Task<Redemption> RedeemOnceAsync(
        CurrentCaller caller, Guid couponId, Guid? customerId, string orderId, decimal orderAmount, string currency, OrderFacts order, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coupon = await db.LockAsync(couponId, cancellationToken);
        if (coupon is null || (customerId is not null && coupon.CustomerId != customerId))
        {
            throw ApiException.NotFound("The coupon does not exist.");
        }

        // Read after the lock: a concurrent redemption of this coupon has committed by now.
        var previous = await db.Redemptions.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (previous is not null)
        {
            return Replay(previous, couponId, orderAmount, currency);
        }

        var now = timeProvider.Now();
        switch (coupon.EffectiveStatus(now))
        {
            case CouponStatus.Expired or CouponStatus.Recalled:
                throw new ApiException(CouponsErrors.CouponExpiredOrRecalled);
            case CouponStatus.Used:
                throw new ApiException(CouponsErrors.CouponUsed);
        }

        if (now < coupon.ValidFrom)
        {
            throw new ApiException(CouponsErrors.CouponNotYetValid);
        }

        if (currency != coupon.Currency)
        {
            throw new ApiException(CouponsErrors.CurrencyMismatch, $"The coupon is in {coupon.Currency}.");
        }

        if (coupon.MinOrderAmount is { } minimum && orderAmount < minimum)
        {
            throw new ApiException(CouponsErrors.OrderBelowMinimum, $"The coupon needs an order of at least {Money.Normalize(minimum)} {coupon.Currency}.");
        }

        order.EnsureWithin(coupon);
        var cap = coupon.MaxOrderShare is { } share ? Money.FloorToCent(orderAmount * share) : orderAmount;
        var deducted = Math.Min(coupon.Balance, cap);
        if (deducted <= 0)
        {
            throw new ApiException(CouponsErrors.NothingToDeduct);
        }

        coupon.Balance -= deducted;
        coupon.UpdatedAt = now;
        if (coupon.Balance == 0)
        {
            coupon.Status = CouponStatus.Used;
            coupon.ClosedAt = now;
        }

        var redemption = new Redemption
        {
            Id = Guid.CreateVersion7(now),
            OrderId = orderId,
            CouponId = coupon.Id,
            OrderAmount = orderAmount,
            DeductedAmount = deducted,
            BalanceAfter = coupon.Balance,
            Currency = coupon.Currency,
            CouponStatusAfter = coupon.Status,
            RedeemedBy = caller.UserId,
            RedeemedAt = now,
        };
        db.Redemptions.Add(redemption);
        db.CouponLedgerEntries.Add(new CouponLedgerEntry
        {
            CouponId = coupon.Id, Kind = CouponLedgerKind.Redeemed, Amount = -deducted, BalanceAfter = coupon.Balance, OrderId = orderId, OccurredAt = now,
        });
        outbox.Add(new CouponRedeemed(
            coupon.Id, SnakeCaseEnumConverter<QuotaType>.NameOf(coupon.CouponType), coupon.IssuerPartnerId, coupon.IndirectPartnerId, coupon.CustomerId,
            orderId, orderAmount, Money.Normalize(deducted), Money.Normalize(coupon.Balance), coupon.Currency, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return redemption;
    }

    /// <summary>The first redemption of the order, when the replay asks for the same thing.</summary>
    private static Redemption Replay(Redemption first, Guid couponId, decimal orderAmount, string currency)
    {
        if (first.CouponId != couponId)
        {
            throw new ApiException(CouponsErrors.OrderAlreadyRedeemed);
        }

        return first.OrderAmount == orderAmount && first.Currency == currency
            ? first
            : throw new ApiException(ErrorCodes.IdempotencyKeyReused, "The order was already redeemed with a different amount or currency.");
    }

    /// <summary>What the order buys, checked against the coupon's restrictions.</summary>
    private sealed record OrderFacts(string? CloudServiceType, string? ProductId, string? BillingMode, string? Region)
    {
        public void EnsureWithin(IRestricted coupon)
        {
            Check(coupon.CloudServiceTypes, CloudServiceType, "cloud_service_type");
            Check(coupon.ProductIds, ProductId, "product_id");
            Check(coupon.BillingModes, BillingMode, "billing_mode");
            Check(coupon.Regions, Region, "region");
        }

        private static void Check(string[] allowed, string? value, string field)
        {
            if (allowed.Length > 0 && (value is null || !allowed.Contains(value, StringComparer.Ordinal)))
            {
                var message = $"The coupon only pays for {field} {string.Join(", ", allowed)}.";
                throw new ApiException(CouponsErrors.OrderOutsideRestrictions, message, new Dictionary<string, string[]> { [field] = [message] });
            }
        }
    }
}
