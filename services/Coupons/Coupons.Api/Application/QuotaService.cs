using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>Grants, reseller grants and reclaims, status changes and queries of quotas.</summary>
public sealed class QuotaService(CouponsDbContext db, IOutbox outbox, TimeProvider timeProvider, IOptions<CouponsOptions> options)
{
    public const int MaxReclaimPerCall = 10;

    public async Task<PagedResponse<QuotaView>> QueryAsync(CurrentCaller caller, QueryQuotasRequest request, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var page = PageRequest.Create(request.Offset, request.Limit);
        var now = timeProvider.Now();
        var quotas = request.IndirectPartnerId is { } reseller
            ? db.Quotas.Where(q => q.DistributorPartnerId == partnerId && q.PartnerId == reseller)
            : db.Quotas.Where(q => q.PartnerId == partnerId);
        if (request.QuotaType is { } type)
        {
            quotas = quotas.Where(q => q.QuotaType == type);
        }

        if (request.QuotaId is { } quotaId)
        {
            quotas = quotas.Where(q => q.Id == quotaId);
        }

        if (request.QuotaStatusList is { Length: > 0 } statuses)
        {
            // The status a reader sees: past its expiry a quota counts as invalid before the sweeper marks it.
            var wantsInvalid = statuses.Contains(QuotaStatus.Invalid);
            var others = statuses.Where(s => s != QuotaStatus.Invalid).ToArray();
            quotas = quotas.Where(q =>
                (wantsInvalid && (q.Status == QuotaStatus.Invalid || q.ExpiresAt <= now))
                || (others.Contains(q.Status) && q.ExpiresAt > now));
        }

        var total = await quotas.LongCountAsync(cancellationToken);
        var items = await quotas.AsNoTracking().OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id).Page(page).ToListAsync(cancellationToken);
        return new PagedResponse<QuotaView>("quotas", total, [.. items.Select(q => QuotaView.From(q, now))]);
    }

    /// <summary>A quota the caller holds, or one it granted to a reseller; otherwise 404.</summary>
    public async Task<Quota> GetAsync(CurrentCaller caller, Guid quotaId, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        return await db.Quotas.AsNoTracking()
            .FirstOrDefaultAsync(q => q.Id == quotaId && (q.PartnerId == partnerId || q.DistributorPartnerId == partnerId), cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");
    }

    /// <summary>Vendor staff grant a quota to a solution provider, distributor or gov-subsidy partner.</summary>
    public async Task<Quota> GrantAsync(CurrentCaller caller, GrantQuotaRequest request, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var errors = new FieldValidation();
        var partnerId = errors.Required(request.PartnerId, "partner_id");
        var type = errors.Required(request.QuotaType, "quota_type");
        var amount = errors.Amount(request.Amount, "amount");
        var currency = errors.Currency(request.Currency, "currency");
        var remark = errors.Text(request.Remark, "remark", 256);
        var validFrom = request.ValidTime ?? now;
        var expiresAt = errors.Required(request.ExpireTime, "expire_time");
        if (request.ExpireTime is not null && expiresAt <= validFrom)
        {
            errors.Add("expire_time", "expire_time must be after valid_time.");
        }
        else if (request.ExpireTime is not null && expiresAt <= now)
        {
            errors.Add("expire_time", "expire_time must be in the future.");
        }

        var restrictions = errors.Restrictions(request, options.Value.EffectiveCloudServiceTypes) ?? Restrictions.None;
        CheckShare(errors, type, restrictions, request.QuotaType is not null);
        errors.ThrowIfAny();

        if (!await db.MayReceiveVendorQuotaAsync(partnerId, now, cancellationToken))
        {
            throw new ApiException(CouponsErrors.PartnerNotEligible);
        }

        var quota = NewQuota(partnerId, type, amount, currency, validFrom, expiresAt, restrictions, null, null, caller.UserId, remark, now);
        db.Quotas.Add(quota);
        db.QuotaMovements.Add(new QuotaMovement { QuotaId = quota.Id, Kind = QuotaMovementKind.Granted, Amount = amount, OccurredAt = now });
        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = partnerId,
            OperationType = OperationType.QuotaGranted,
            OperatorKind = OperatorKind.VendorStaff,
            OperatorId = caller.UserId,
            QuotaId = quota.Id,
            Amount = amount,
            Currency = currency,
            Remark = remark,
            OccurredAt = now,
        });
        outbox.Add(Granted(quota, now));
        await db.SaveChangesAsync(cancellationToken);
        return quota;
    }

    /// <summary>A distributor carves a quota for a linked reseller out of one of its own.</summary>
    public async Task<Quota> GrantToResellerAsync(CurrentCaller caller, GrantResellerQuotaRequest request, CancellationToken cancellationToken)
    {
        var distributorId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var errors = new FieldValidation();
        var sourceId = errors.Required(request.QuotaId, "quota_id");
        var resellerId = errors.Required(request.IndirectPartnerId, "indirect_partner_id");
        var amount = errors.Amount(request.Amount, "amount");
        var remark = errors.Text(request.Remark, "remark", 256);
        var requested = errors.Restrictions(request, options.Value.EffectiveCloudServiceTypes);
        errors.ThrowIfAny();

        var source = await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == sourceId && q.PartnerId == distributorId, cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");
        if (!await db.IsLinkedAsync(distributorId, resellerId, cancellationToken))
        {
            throw new ApiException(CouponsErrors.ResellerNotLinked);
        }

        if (!source.IsIssuable(now))
        {
            throw new ApiException(CouponsErrors.QuotaNotUsable);
        }

        var restrictions = Restrictions.Narrow(source, requested);
        CheckShare(errors, source.QuotaType, restrictions, true);
        var (validFrom, expiresAt) = Validity.Within(source, request.ValidTime, request.ExpireTime, now);
        errors.ThrowIfAny();

        var quota = NewQuota(
            resellerId, source.QuotaType, amount, source.Currency, validFrom, expiresAt, restrictions, distributorId, source.Id, caller.UserId, remark, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The check above answers early; this one holds the link until the commit, so no grant
        // commits after a suspension or revocation of the link has.
        if (!await db.HoldActiveLinkAsync(distributorId, resellerId, cancellationToken))
        {
            throw new ApiException(CouponsErrors.ResellerNotLinked);
        }

        if (!await QuotaSql.TryTakeAsync(db, source.Id, distributorId, amount, now, cancellationToken))
        {
            throw await StillIssuableAsync(source.Id, now, cancellationToken)
                ? new ApiException(CouponsErrors.QuotaInsufficient)
                : new ApiException(CouponsErrors.QuotaNotUsable);
        }

        db.Quotas.Add(quota);
        db.QuotaMovements.AddRange(
            new QuotaMovement { QuotaId = source.Id, Kind = QuotaMovementKind.GrantedOut, Amount = -amount, RelatedQuotaId = quota.Id, OccurredAt = now },
            new QuotaMovement { QuotaId = quota.Id, Kind = QuotaMovementKind.Granted, Amount = amount, RelatedQuotaId = source.Id, OccurredAt = now });
        foreach (var (owner, counterpart) in new[] { (distributorId, resellerId), (resellerId, distributorId) })
        {
            db.OperationRecords.Add(new OperationRecord
            {
                PartnerId = owner,
                OperationType = OperationType.QuotaGranted,
                OperatorKind = OperatorKind.Partner,
                OperatorId = caller.UserId,
                QuotaId = quota.Id,
                CounterpartPartnerId = counterpart,
                Amount = amount,
                Currency = quota.Currency,
                Remark = remark,
                OccurredAt = now,
            });
        }

        outbox.Add(Granted(quota, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return quota;
    }

    /// <summary>
    /// A distributor reclaims up to 10 quotas it granted, whatever the state of its link with the
    /// reseller now: each is cancelled and its remaining amount goes back to the source quota (when
    /// that is still valid). Each quota succeeds or fails alone.
    /// </summary>
    public async Task<ReclaimResellerQuotasResponse> ReclaimAsync(CurrentCaller caller, ReclaimResellerQuotasRequest request, CancellationToken cancellationToken)
    {
        var distributorId = caller.GetPartnerGuid();
        CouponValidation.RequireCount(request.QuotaIds, "quota_ids", MaxReclaimPerCall);
        var errors = new FieldValidation();
        var remark = errors.Text(request.Remark, "remark", 256);
        var quotaIds = request.QuotaIds!;
        if (quotaIds.Distinct().Count() != quotaIds.Length)
        {
            errors.Add("quota_ids", "quota_ids lists a quota twice.");
        }

        errors.ThrowIfAny();
        var succeeded = new List<ReclaimedQuota>();
        var failed = new List<ErrorDetail>();
        foreach (var quotaId in quotaIds)
        {
            try
            {
                succeeded.Add(await ReclaimOneAsync(caller, distributorId, quotaId, remark, cancellationToken));
            }
            catch (ApiException ex)
            {
                failed.Add(new ErrorDetail(quotaId.ToString(), ex.Error.Code, ex.Message));
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return new ReclaimResellerQuotasResponse(succeeded, failed);
    }

    private async Task<ReclaimedQuota> ReclaimOneAsync(CurrentCaller caller, Guid distributorId, Guid quotaId, string? remark, CancellationToken cancellationToken)
    {
        var now = timeProvider.Now();
        var quota = await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId && q.DistributorPartnerId == distributorId, cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");

        // Not only while actively linked: a suspended or revoked reseller can no longer issue out of
        // the quota, so reclaiming is the only way its amount goes back to the distributor.
        if (!await db.HasBeenLinkedAsync(distributorId, quota.PartnerId, cancellationToken))
        {
            throw new ApiException(CouponsErrors.ResellerNotLinked);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var amount = await QuotaSql.TryCancelGrantedAsync(db, quota.Id, distributorId, now, cancellationToken)
            ?? throw new ApiException(CouponsErrors.QuotaNotReclaimable);
        var sourceId = quota.SourceQuotaId!.Value;
        var returned = amount > 0 && await QuotaSql.TryReturnAsync(db, sourceId, amount, now, cancellationToken);
        db.QuotaMovements.Add(new QuotaMovement
        {
            QuotaId = quota.Id, Kind = QuotaMovementKind.ReclaimedOut, Amount = -amount, RelatedQuotaId = sourceId, OccurredAt = now,
        });
        if (returned)
        {
            db.QuotaMovements.Add(new QuotaMovement
            {
                QuotaId = sourceId, Kind = QuotaMovementKind.ReclaimedIn, Amount = amount, RelatedQuotaId = quota.Id, OccurredAt = now,
            });
        }

        foreach (var (owner, counterpart) in new[] { (distributorId, quota.PartnerId), (quota.PartnerId, distributorId) })
        {
            db.OperationRecords.Add(new OperationRecord
            {
                PartnerId = owner,
                OperationType = OperationType.QuotaReclaimed,
                OperatorKind = OperatorKind.Partner,
                OperatorId = caller.UserId,
                QuotaId = quota.Id,
                CounterpartPartnerId = counterpart,
                Amount = amount,
                Currency = quota.Currency,
                Remark = remark,
                OccurredAt = now,
            });
        }

        outbox.Add(new CouponQuotaReclaimed(quota.Id, quota.PartnerId, distributorId, sourceId, Money.Normalize(amount), quota.Currency, returned, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReclaimedQuota(quota.Id, Money.Normalize(amount), quota.Currency, returned);
    }

    /// <summary>
    /// Vendor staff set <c>normal</c>, <c>adjusting</c>, <c>frozen</c> or <c>invalid</c> (cancel, final).
    /// <paramref name="expectedVersion"/> comes from If-Match; a stale one is 412 CBC.0157.
    /// </summary>
    public async Task<Quota> ChangeStatusAsync(CurrentCaller caller, Guid quotaId, uint expectedVersion, ChangeQuotaStatusRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldValidation();
        var status = errors.Required(request.Status, "status");
        var remark = errors.Text(request.Remark, "remark", 256);
        errors.ThrowIfAny();

        var now = timeProvider.Now();
        var quota = await db.Quotas.FirstOrDefaultAsync(q => q.Id == quotaId, cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");
        if (quota.Version != expectedVersion)
        {
            throw new ApiException(ErrorCodes.PreconditionFailed);
        }

        if (quota.EffectiveStatus(now) == QuotaStatus.Invalid)
        {
            throw ApiException.IllegalState("An invalid (expired or cancelled) quota cannot change its status.");
        }

        db.Entry(quota).Property(q => q.Version).OriginalValue = expectedVersion;
        quota.Status = status;
        quota.UpdatedAt = now;
        db.OperationRecords.Add(new OperationRecord
        {
            PartnerId = quota.PartnerId,
            OperationType = OperationType.QuotaStatusChanged,
            OperatorKind = OperatorKind.VendorStaff,
            OperatorId = caller.UserId,
            QuotaId = quota.Id,
            Remark = remark ?? "status: " + SnakeCaseEnumConverter<QuotaStatus>.NameOf(status),
            OccurredAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return quota;
    }

    private Task<bool> StillIssuableAsync(Guid quotaId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Quotas.AnyAsync(q => q.Id == quotaId && q.Status == QuotaStatus.Normal && q.ValidFrom <= now && q.ExpiresAt > now, cancellationToken);

    private static void CheckShare(FieldValidation errors, QuotaType type, Restrictions restrictions, bool typeKnown)
    {
        if (!typeKnown)
        {
            return;
        }

        if (type == QuotaType.PickupVoucher && restrictions.MaxOrderShare is null)
        {
            errors.Add("max_order_share", "Pickup vouchers need max_order_share (the largest share of an order total they may pay).");
        }
        else if (type != QuotaType.PickupVoucher && restrictions.MaxOrderShare is not null)
        {
            errors.Add("max_order_share", "max_order_share applies to pickup vouchers only.");
        }
    }

    private static Quota NewQuota(
        Guid partnerId, QuotaType type, decimal amount, string currency, DateTimeOffset validFrom, DateTimeOffset expiresAt,
        Restrictions restrictions, Guid? distributorId, Guid? sourceId, string? grantedBy, string? remark, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PartnerId = partnerId,
        QuotaType = type,
        Currency = currency,
        TotalAmount = amount,
        RemainingAmount = amount,
        ValidFrom = validFrom,
        ExpiresAt = expiresAt,
        Status = QuotaStatus.Normal,
        CloudServiceTypes = restrictions.CloudServiceTypes,
        ProductIds = restrictions.ProductIds,
        BillingModes = restrictions.BillingModes,
        Regions = restrictions.Regions,
        MinOrderAmount = restrictions.MinOrderAmount,
        MaxOrderShare = restrictions.MaxOrderShare,
        DistributorPartnerId = distributorId,
        SourceQuotaId = sourceId,
        GrantedBy = grantedBy,
        Remark = remark,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static CouponQuotaGranted Granted(Quota q, DateTimeOffset now) => new(
        q.Id, q.PartnerId, SnakeCaseEnumConverter<QuotaType>.NameOf(q.QuotaType), Money.Normalize(q.TotalAmount), q.Currency,
        q.ValidFrom, q.ExpiresAt, q.DistributorPartnerId, q.SourceQuotaId, now);
}
