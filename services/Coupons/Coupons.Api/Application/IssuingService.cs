using Coupons.Api.Data;
using Coupons.Api.Domain;
using Coupons.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.Application;

/// <summary>
/// Issues coupons out of a quota to up to 100 customers. Each customer gets a coupon or an error
/// entry. When every customer may receive one and the quota covers them all, the whole issue is one
/// round trip (<see cref="IssueStatement"/>). Otherwise the general path charges the quota with one
/// conditional UPDATE for all eligible customers (or, when it cannot cover them all, under its row
/// lock for as many as it covers), in the transaction that writes the coupons, so concurrent
/// issuers never overspend. Either way the idempotency key, with the response, commits with the coupons.
/// An issue acts under the reseller links it depends on (a distributor issuing for its reseller, a
/// reseller issuing out of a quota its distributor granted): each must be active, or the whole call is
/// 403 CBC.99006004. Both paths take their locks in one order: those links (shared), the key, the quota.
/// </summary>
public sealed class IssuingService(CouponsDbContext db, IOutbox outbox, QuotaTerms quotaTerms, TimeProvider timeProvider, IOptions<CouponsOptions> options)
{
    public const int MaxCustomersPerCall = 100;

    public async Task<IssueCouponsResponse> IssueAsync(
        CurrentCaller caller, IssueCouponsRequest request, IdempotentRequest? idempotency, CancellationToken cancellationToken)
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

        var known = await quotaTerms.GetAsync(db, quotaId, cancellationToken);
        if (known is not null && known.PartnerId == partnerId
            && PlanOrNull(known, request, requested, caller, faceValue, remark, now) is { } fastPlan
            && await TryIssueToAllAtOnceAsync(fastPlan, customerIds, idempotency, cancellationToken) is { } issuedToAll)
        {
            return issuedToAll;
        }

        var quota = await db.Quotas.AsNoTracking().FirstOrDefaultAsync(q => q.Id == quotaId && q.PartnerId == partnerId, cancellationToken)
            ?? throw ApiException.NotFound("The quota does not exist.");
        if (!quota.IsIssuable(now))
        {
            throw new ApiException(CouponsErrors.QuotaNotUsable);
        }

        var plan = Plan(quota, request, requested, caller, faceValue, remark, now);
        foreach (var link in plan.Links)
        {
            if (!await db.IsLinkedAsync(link.Distributor, link.Reseller, cancellationToken))
            {
                throw new ApiException(CouponsErrors.ResellerNotLinked);
            }
        }

        var owner = request.IndirectPartnerId ?? partnerId;
        var failed = new Dictionary<Guid, ErrorDetail>();
        var eligible = await EligibleCustomersAsync(partnerId, owner, quota.QuotaType, customerIds, failed, cancellationToken);

        IssueCouponsResponse Respond(IReadOnlyCollection<Coupon> coupons)
        {
            var issued = coupons.ToDictionary(c => c.CustomerId);
            var failures = new Dictionary<Guid, ErrorDetail>(failed);
            foreach (var customerId in eligible.Skip(coupons.Count))
            {
                failures[customerId] = Failure(customerId, CouponsErrors.QuotaInsufficient);
            }

            return new IssueCouponsResponse(
                [.. customerIds.Where(issued.ContainsKey).Select(id => new IssuedCoupon(id, issued[id].Id))],
                [.. customerIds.Where(failures.ContainsKey).Select(id => failures[id])]);
        }

        // One transaction without savepoints: the key row then shares the coupons' transaction id, and
        // no SAVEPOINT round trips are added around SaveChanges.
        db.Database.AutoSavepointsEnabled = false;
        var outcome = new Outcome(Respond, idempotency);
        var coupons = eligible.Count == 0 ? []
            : quota.RemainingAmount >= faceValue * eligible.Count
                ? await IssueToAllOrNoneAsync(plan, eligible, outcome, cancellationToken) ?? await IssueWhatTheQuotaCoversAsync(plan, eligible, outcome, cancellationToken)
                : await IssueWhatTheQuotaCoversAsync(plan, eligible, outcome, cancellationToken);
        return Respond(coupons);
    }

    /// <summary>
    /// The usual case in one round trip: every customer eligible and the quota covering them all.
    /// Null when it does not apply; nothing is written then.
    /// </summary>
    private async Task<IssueCouponsResponse?> TryIssueToAllAtOnceAsync(
        IssuePlan plan, Guid[] customerIds, IdempotentRequest? idempotency, CancellationToken cancellationToken)
    {
        var coupons = customerIds.Select(plan.CouponFor).ToList();
        var response = new IssueCouponsResponse([.. coupons.Select(c => new IssuedCoupon(c.CustomerId, c.Id))], []);
        var stored = idempotency?.Json(response);
        var events = StageEvents(coupons, plan.Now);
        if (!await IssueStatement.TryRunAsync(
                db, coupons, events, plan.IndirectPartnerId ?? plan.IssuerId, plan.Quota.DistributorPartnerId, plan.Caller.OperatorId(), idempotency, stored, cancellationToken))
        {
            return null;
        }

        if (stored is not null)
        {
            idempotency!.MarkStored(stored);
        }

        return response;
    }

    /// <summary>The outbox rows of <paramref name="coupons"/>, written by the issue statement itself.</summary>
    private static List<OutboxMessage> StageEvents(List<Coupon> coupons, DateTimeOffset now) =>
        [.. coupons.Select(coupon => OutboxMessage.For(Issued(coupon, now), now))];

    private static IssuePlan? PlanOrNull(
        Quota quota, IssueCouponsRequest request, Restrictions? requested, CurrentCaller caller, decimal faceValue, string? remark, DateTimeOffset now)
    {
        try
        {
            return Plan(quota, request, requested, caller, faceValue, remark, now);
        }
        catch (ApiException)
        {
            // The general path answers, with its checks in their order (a frozen quota before a wide restriction).
            return null;
        }
    }

    private static IssuePlan Plan(
        Quota quota, IssueCouponsRequest request, Restrictions? requested, CurrentCaller caller, decimal faceValue, string? remark, DateTimeOffset now)
    {
        var restrictions = Restrictions.Narrow(quota, requested);
        if (quota.QuotaType != QuotaType.PickupVoucher && restrictions.MaxOrderShare is not null)
        {
            throw ApiException.InvalidField("max_order_share", "max_order_share applies to pickup vouchers only.");
        }

        var (validFrom, expiresAt) = Validity.Within(quota, request.ValidTime, request.ExpireTime, now);
        List<ActingLink> links = [];
        if (request.IndirectPartnerId is { } reseller)
        {
            links.Add(new ActingLink(quota.PartnerId, reseller));
        }

        if (quota.DistributorPartnerId is { } distributor)
        {
            links.Add(new ActingLink(distributor, quota.PartnerId));
        }

        return new IssuePlan(quota, quota.PartnerId, request.IndirectPartnerId, links, faceValue, validFrom, expiresAt, restrictions, caller, remark, now);
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
                failed[customerId] = Failure(customerId, CouponsErrors.CustomerNotAssociated);
            }
            else if (association.AssociationType != CustomerAssociation.Reseller)
            {
                failed[customerId] = Failure(customerId, CouponsErrors.CustomerNotResellerType);
            }
            else if (whitelisted is not null && !whitelisted.Contains(customerId))
            {
                failed[customerId] = Failure(customerId, CouponsErrors.CustomerNotWhitelisted);
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

    /// <summary>
    /// The usual case (the quota looked sufficient when read): writes every coupon first and charges
    /// the quota last, so its row stays locked only from the conditional UPDATE to the commit. Null
    /// when the quota no longer covers them all (nothing is written then).
    /// </summary>
    private async Task<List<Coupon>?> IssueToAllOrNoneAsync(IssuePlan plan, List<Guid> customers, Outcome outcome, CancellationToken cancellationToken)
    {
        var coupons = customers.Select(plan.CouponFor).ToList();
        var reserved = outcome.Idempotency?.Json(outcome.Respond(coupons));
        await using var transaction = await BeginAsync(plan, outcome.Idempotency, reserved, cancellationToken);
        coupons.ForEach(coupon => Record(coupon, plan.Caller, plan.Now));
        await db.SaveChangesAsync(cancellationToken);
        if (await QuotaSql.TryTakeAsync(db, plan.Quota.Id, plan.IssuerId, plan.FaceValue * coupons.Count, plan.Now, cancellationToken))
        {
            await CommitAsync(transaction, outcome, reserved, cancellationToken);
            return coupons;
        }

        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return null;
    }

    /// <summary>
    /// Charges the quota for as many whole coupons as it covers (in request order), then writes those
    /// coupons; the key, reserved before the charge with the answer for all of them, then gets the
    /// answer for those issued. 409 CBC.99006001 when the quota stopped being usable meanwhile.
    /// </summary>
    private async Task<List<Coupon>> IssueWhatTheQuotaCoversAsync(IssuePlan plan, List<Guid> customers, Outcome outcome, CancellationToken cancellationToken)
    {
        var coupons = customers.Select(plan.CouponFor).ToList();
        var reserved = outcome.Idempotency?.Json(outcome.Respond(coupons));
        await using var transaction = await BeginAsync(plan, outcome.Idempotency, reserved, cancellationToken);
        var units = customers.Count == 1
            ? await QuotaSql.TryTakeAsync(db, plan.Quota.Id, plan.IssuerId, plan.FaceValue, plan.Now, cancellationToken) ? 1 : 0
            : await QuotaSql.TakeUnitsAsync(db, plan.Quota.Id, plan.IssuerId, plan.FaceValue, customers.Count, plan.Now, cancellationToken);
        if (units == 0)
        {
            return await StillIssuableAsync(plan.Quota.Id, plan.Now, cancellationToken) ? [] : throw new ApiException(CouponsErrors.QuotaNotUsable);
        }

        var issued = coupons.Take(units).ToList();
        issued.ForEach(coupon => Record(coupon, plan.Caller, plan.Now));
        await db.SaveChangesAsync(cancellationToken);
        if (reserved is not null && issued.Count < coupons.Count)
        {
            reserved = outcome.Idempotency!.Json(outcome.Respond(issued));
            await db.Database.ExecuteSqlRawAsync(IdempotentRequest.UpdateResponseSql, outcome.Idempotency.Parameters(reserved), cancellationToken);
        }

        await CommitAsync(transaction, outcome, reserved, cancellationToken);
        return issued;
    }

    /// <summary>
    /// Opens the general path's transaction and takes its locks in the order the one-statement issue
    /// takes them: the links it acts under (shared, see <see cref="ReadModelQueries.HoldActiveLinkAsync"/>;
    /// 403 CBC.99006004 when one stopped being active since it was read), then the idempotency key,
    /// inserted with <paramref name="reserved"/>. The quota is locked only after, when charged. A
    /// duplicate on either path therefore waits at the key before it touches the quota; charging first
    /// and storing the key last would let a duplicate that holds the key wait for the quota while this
    /// one waits for the key, a deadlock.
    /// </summary>
    private async Task<IDbContextTransaction> BeginAsync(
        IssuePlan plan, IdempotentRequest? idempotency, StoredResponse? reserved, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var link in plan.Links)
            {
                if (!await db.HoldActiveLinkAsync(link.Distributor, link.Reseller, cancellationToken))
                {
                    throw new ApiException(CouponsErrors.ResellerNotLinked);
                }
            }

            if (reserved is not null)
            {
                await db.Database.ExecuteSqlRawAsync(IdempotentRequest.InsertSql, idempotency!.Parameters(reserved), cancellationToken);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Commits the coupons with their idempotency key.</summary>
    private static async Task CommitAsync(IDbContextTransaction transaction, Outcome outcome, StoredResponse? stored, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        if (stored is not null)
        {
            outcome.Idempotency!.MarkStored(stored);
        }
    }

    private Task<bool> StillIssuableAsync(Guid quotaId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Quotas.AnyAsync(q => q.Id == quotaId && q.Status == QuotaStatus.Normal && q.ValidFrom <= now && q.ExpiresAt > now, cancellationToken);

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
        outbox.Add(Issued(coupon, now));
    }

    private static CouponIssued Issued(Coupon coupon, DateTimeOffset now) => new(
        coupon.Id, SnakeCaseEnumConverter<QuotaType>.NameOf(coupon.CouponType), coupon.QuotaId, coupon.IssuerPartnerId, coupon.IndirectPartnerId,
        coupon.CustomerId, coupon.FaceValue, coupon.Currency, coupon.ValidFrom, coupon.ExpiresAt, now);

    private static ErrorDetail Failure(Guid customerId, ErrorCode error) => new(customerId.ToString(), error.Code, error.Message);

    /// <summary>How the general path builds its response and stores it with the key.</summary>
    private sealed record Outcome(Func<IReadOnlyCollection<Coupon>, IssueCouponsResponse> Respond, IdempotentRequest? Idempotency);

    /// <summary>A distributor-reseller link an issue acts under; it must be active.</summary>
    private sealed record ActingLink(Guid Distributor, Guid Reseller);

    /// <summary>What every coupon of one issue call shares.</summary>
    private sealed record IssuePlan(
        Quota Quota, Guid IssuerId, Guid? IndirectPartnerId, IReadOnlyList<ActingLink> Links, decimal FaceValue, DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt,
        Restrictions Restrictions, CurrentCaller Caller, string? Remark, DateTimeOffset Now)
    {
        public Coupon CouponFor(Guid customerId) => new()
        {
            Id = Guid.CreateVersion7(Now),
            CouponType = Quota.QuotaType,
            Source = CouponSource.PartnerIssue,
            QuotaId = Quota.Id,
            IssuerPartnerId = IssuerId,
            IndirectPartnerId = IndirectPartnerId,
            CustomerId = customerId,
            FaceValue = FaceValue,
            Balance = FaceValue,
            Currency = Quota.Currency,
            Status = CouponStatus.Available,
            ValidFrom = ValidFrom,
            ExpiresAt = ExpiresAt,
            CloudServiceTypes = Restrictions.CloudServiceTypes,
            ProductIds = Restrictions.ProductIds,
            BillingModes = Restrictions.BillingModes,
            Regions = Restrictions.Regions,
            MinOrderAmount = Restrictions.MinOrderAmount,
            MaxOrderShare = Restrictions.MaxOrderShare,
            IssuedBy = Caller.OperatorId(),
            Remark = Remark,
            IssuedAt = Now,
            UpdatedAt = Now,
        };
    }
}
