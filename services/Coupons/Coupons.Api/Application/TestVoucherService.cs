using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>
/// Role test vouchers, requested online, one per role and kind; sub-customer accounts cannot. A role
/// selection voucher needs the partner on the consulting and system-integration path, which every
/// partner is from its registration (identity-api starts it at <c>registered</c> and publishes
/// PartnerPathStageChanged only when staff move it). A role certification voucher needs the stage
/// <c>role_certified</c> or <c>capability_differentiated</c>.
/// </summary>
public sealed class TestVoucherService(CouponsDbContext db, IOutbox outbox, TimeProvider timeProvider, IOptions<CouponsOptions> options)
{
    private static readonly string[] CertifiedStages = [PartnerPathStage.RoleCertified, PartnerPathStage.CapabilityDifferentiated];

    public async Task<(TestVoucherGrant Grant, Coupon Coupon)> RequestAsync(CurrentCaller caller, RequestTestVoucherRequest request, CancellationToken cancellationToken)
    {
        if (caller.CustomerId is not null)
        {
            throw new ApiException(CouponsErrors.SubCustomerCannotRequest);
        }

        var partnerId = caller.GetPartnerGuid();
        var errors = new FieldValidation();
        var role = errors.RequiredText(request.Role, "role", 64);
        errors.ThrowIfAny();
        var kind = request.Kind ?? TestVoucherKind.RoleCertification;
        var kindName = SnakeCaseEnumConverter<TestVoucherKind>.NameOf(kind);
        var roles = options.Value.TestVoucherRolesOf(kind);
        if (!roles.TryGetValue(role, out var voucher))
        {
            throw FieldValidation.Invalid(
                "role", $"Unknown role for {kindName} test vouchers: use one of {string.Join(", ", roles.Keys.Order(StringComparer.Ordinal))}.");
        }

        // A partner account that is itself some partner's associated customer is a sub-customer account.
        if (await db.CustomerAssociations.AnyAsync(a => a.CustomerId == partnerId && a.Active, cancellationToken))
        {
            throw new ApiException(CouponsErrors.SubCustomerCannotRequest);
        }

        if (kind == TestVoucherKind.RoleCertification
            && !await db.PartnerPathStages.AnyAsync(s => s.PartnerId == partnerId && CertifiedStages.Contains(s.Stage), cancellationToken))
        {
            throw new ApiException(CouponsErrors.NotRoleCertified);
        }

        if (await db.TestVoucherGrants.AnyAsync(g => g.PartnerId == partnerId && g.Role == role && g.Kind == kind, cancellationToken))
        {
            throw new ApiException(CouponsErrors.TestVoucherAlreadyGranted);
        }

        var now = timeProvider.Now();
        var faceValue = Money.Normalize(voucher.FaceValue);
        var coupon = new Coupon
        {
            Id = Guid.CreateVersion7(now),
            CouponType = QuotaType.Voucher,
            Source = CouponSource.RoleTestVoucher,
            CustomerId = partnerId,
            FaceValue = faceValue,
            Balance = faceValue,
            Currency = voucher.Currency,
            Status = CouponStatus.Available,
            ValidFrom = now,
            ExpiresAt = now.AddDays(voucher.ValidDays),
            IssuedBy = caller.UserId,
            Remark = (kind == TestVoucherKind.RoleSelection ? "role selection test voucher: " : "role test voucher: ") + role,
            IssuedAt = now,
            UpdatedAt = now,
        };
        var grant = new TestVoucherGrant
        {
            PartnerId = partnerId, Role = role, Kind = kind, CouponId = coupon.Id, RequestedBy = caller.UserId, GrantedAt = now,
        };
        db.Coupons.Add(coupon);
        db.TestVoucherGrants.Add(grant);
        db.CouponLedgerEntries.Add(new CouponLedgerEntry
        {
            CouponId = coupon.Id, Kind = CouponLedgerKind.Issued, Amount = faceValue, BalanceAfter = faceValue, OccurredAt = now,
        });
        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = partnerId,
            OperationType = OperationType.TestVoucherGranted,
            OperatorKind = OperatorKind.Partner,
            OperatorId = caller.UserId,
            CouponId = coupon.Id,
            Amount = faceValue,
            Currency = coupon.Currency,
            Remark = coupon.Remark,
            OccurredAt = now,
        });
        outbox.Add(new CouponIssued(
            coupon.Id, SnakeCaseEnumConverter<QuotaType>.NameOf(coupon.CouponType), null, null, null, partnerId, faceValue, coupon.Currency,
            coupon.ValidFrom, coupon.ExpiresAt, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ApiException(CouponsErrors.TestVoucherAlreadyGranted);
        }

        return (grant, coupon);
    }
}
