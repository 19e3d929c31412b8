using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>
/// The issuing partner recalls the whole balance of an available coupon or a part of it; the amount
/// goes back to the coupon's quota when that quota is still valid.
/// </summary>
public sealed class RecallService(CouponsDbContext db, IOutbox outbox, TimeProvider timeProvider)
{
    public async Task<RecallCouponResponse> RecallAsync(CurrentCaller caller, RecallCouponRequest request, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var errors = new FieldValidation();
        var couponId = errors.Required(request.CouponId, "coupon_id");
        var requestedAmount = errors.OptionalAmount(request.Amount, "amount");
        var remark = errors.Text(request.Remark, "remark", 256);
        errors.ThrowIfAny();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var coupon = await db.LockAsync(couponId, cancellationToken);
        if (coupon is null || coupon.IssuerPartnerId != partnerId)
        {
            throw ApiException.NotFound("The coupon does not exist.");
        }

        // A distributor acts on its reseller's customers only while the reseller is actively linked to
        // it; the link stays share-locked until the commit, so no recall commits after a suspension.
        if (coupon.IndirectPartnerId is { } reseller && !await db.HoldActiveLinkAsync(partnerId, reseller, cancellationToken))
        {
            throw new ApiException(CouponsErrors.ResellerNotLinked);
        }

        var now = timeProvider.Now();
        switch (coupon.EffectiveStatus(now))
        {
            case CouponStatus.Expired or CouponStatus.Recalled:
                throw new ApiException(CouponsErrors.CouponExpiredOrRecalled);
            case CouponStatus.Used:
                throw new ApiException(CouponsErrors.CouponUsed);
        }

        var association = await db.CustomerAssociations.AsNoTracking().FirstOrDefaultAsync(a => a.CustomerId == coupon.CustomerId, cancellationToken);
        if (association is { Active: true, AssociationType: CustomerAssociation.Referral })
        {
            throw new ApiException(CouponsErrors.RecallNotForReferralCustomer);
        }

        var amount = requestedAmount ?? coupon.Balance;
        if (amount > coupon.Balance)
        {
            throw new ApiException(CouponsErrors.AmountExceedsBalance, $"The amount exceeds the coupon's balance of {Money.Normalize(coupon.Balance)}.");
        }

        coupon.Balance -= amount;
        coupon.UpdatedAt = now;
        if (coupon.Balance == 0)
        {
            coupon.Status = CouponStatus.Recalled;
            coupon.ClosedAt = now;
        }

        db.CouponLedgerEntries.Add(new CouponLedgerEntry
        {
            CouponId = coupon.Id, Kind = CouponLedgerKind.Recalled, Amount = -amount, BalanceAfter = coupon.Balance, OccurredAt = now,
        });
        var returned = coupon.QuotaId is { } quotaId && await QuotaSql.TryReturnAsync(db, quotaId, amount, now, cancellationToken);
        if (returned)
        {
            db.QuotaMovements.Add(new QuotaMovement
            {
                QuotaId = coupon.QuotaId!.Value, Kind = QuotaMovementKind.RecallReturned, Amount = amount, CouponId = coupon.Id, OccurredAt = now,
            });
        }

        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = partnerId,
            OperationType = OperationType.CouponRecalled,
            OperatorKind = OperatorKind.Partner,
            OperatorId = caller.UserId,
            QuotaId = coupon.QuotaId,
            CouponId = coupon.Id,
            CustomerId = coupon.CustomerId,
            CounterpartPartnerId = coupon.IndirectPartnerId,
            Amount = amount,
            Currency = coupon.Currency,
            Remark = remark,
            OccurredAt = now,
        });
        outbox.Add(new CouponRecalled(coupon.Id, partnerId, coupon.CustomerId, Money.Normalize(amount), Money.Normalize(coupon.Balance), coupon.Currency, returned, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RecallCouponResponse(coupon.Id, Money.Normalize(amount), Money.Normalize(coupon.Balance), coupon.Currency, coupon.Status, returned);
    }
}
