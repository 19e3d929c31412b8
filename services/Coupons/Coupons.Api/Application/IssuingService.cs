using System.Text;
using System.Text.Json;
using Coupons.Api.Data;
using Coupons.Api.Domain;
using Microsoft.Extensions.Options;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Messaging.Outbox;
using PartnerPlatform.ServiceDefaults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Coupons.Api.Application;

/// <summary>
/// Issues coupons out of a quota to up to 100 customers. Each customer gets a coupon or an error
/// entry. The request is checked and the coupons planned from the quota's fixed terms; the database
/// then decides and writes the whole issue in one round trip (<see cref="IssueStatement"/>): the
/// quota usable (else 409 CBC.99006001), the reseller links it acts under active (a distributor
/// issuing for its reseller, a reseller issuing out of a quota its distributor granted; else 403
/// CBC.99006004), then per customer in request order: associated, reseller type, whitelisted,
/// covered by the quota. The quota is charged last with one conditional UPDATE, so concurrent
/// issuers never overspend; the idempotency key, with the answer, commits with the coupons.
/// </summary>
public sealed class IssuingService(
    CouponsDbContext db, QuotaTerms quotaTerms, TimeProvider timeProvider, IOptions<CouponsOptions> options, IOptions<HttpJsonOptions> jsonOptions)
{
    public const int MaxCustomersPerCall = 100;

    /// <summary>
    /// How often one issue is decided again after concurrent issues took what it counted on; each
    /// time another issue has committed a charge, so this is reached only under a storm on one quota.
    /// </summary>
    private const int MaxAttempts = 20;

    private static AnswerFormat? _answerFormat;

    public async Task<IssueCouponsResponse> IssueAsync(
        CurrentCaller caller, IssueCouponsRequest request, IdempotentRequest? idempotency, CancellationToken cancellationToken)
    {
        var partnerId = caller.GetPartnerGuid();
        var now = timeProvider.Now();
        var errors = new FieldValidation();
        var quotaId = errors.Required(request.QuotaId, "quota_id");
        var faceValue = errors.Amount(request.FaceValue, "face_value");
        var remark = errors.Text(request.Remark, "remark", 256);
        var requested = errors.Restrictions(request, options.Value.EffectiveCloudServiceTypes);
        CouponValidation.RequireCount(request.CustomerIds, "customer_ids", MaxCustomersPerCall);
        var customerIds = request.CustomerIds!;
        if (customerIds.Distinct().Count() != customerIds.Length)
        {
            errors.Add("customer_ids", "customer_ids lists a customer twice.");
        }

        errors.ThrowIfAny();

        var quota = await quotaTerms.GetAsync(db, quotaId, cancellationToken);
        if (quota is null || quota.PartnerId != partnerId)
        {
            throw ApiException.NotFound("The quota does not exist.");
        }

        var plan = await PlanAsync(quota, request, requested, caller, faceValue, remark, now, cancellationToken);
        var candidates = customerIds.Select(plan.CouponFor).ToList();
        var events = candidates.Select(coupon => OutboxMessage.For(Issued(coupon, now), now)).ToList();
        var format = _answerFormat ??= AnswerFormatOf(jsonOptions.Value.SerializerOptions);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await IssueStatement.TryRunAsync(
                db, candidates, events, request.IndirectPartnerId ?? partnerId, quota.DistributorPartnerId, caller.UserId, format, idempotency, cancellationToken);
            if (outcome is not null)
            {
                return Answer(outcome, candidates, idempotency);
            }

            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException($"The issue out of quota {quotaId} lost {MaxAttempts} races for it in a row.");
            }
        }
    }

    /// <summary>
    /// The coupon every customer of the call would receive, from the quota's fixed terms. A request
    /// outside those terms is a 400, unless the quota is not usable now: that answers first (409).
    /// </summary>
    private async Task<IssuePlan> PlanAsync(
        Quota quota, IssueCouponsRequest request, Restrictions? requested, CurrentCaller caller, decimal faceValue, string? remark,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var restrictions = Restrictions.Narrow(quota, requested);
            if (quota.QuotaType != QuotaType.PickupVoucher && restrictions.MaxOrderShare is not null)
            {
                throw FieldValidation.Invalid("max_order_share", "max_order_share applies to pickup vouchers only.");
            }

            var (validFrom, expiresAt) = Validity.Within(quota, request.ValidTime, request.ExpireTime, now);
            return new IssuePlan(quota, request.IndirectPartnerId, faceValue, validFrom, expiresAt, restrictions, caller, remark, now);
        }
        catch (ApiException)
        {
            if (!await IsIssuableAsync(quota.Id, now, cancellationToken))
            {
                throw new ApiException(CouponsErrors.QuotaNotUsable);
            }

            throw;
        }
    }

    private async Task<bool> IsIssuableAsync(Guid quotaId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await db.Quotas.FindAsync([quotaId], cancellationToken))?.IsIssuable(now) == true;

    private static IssueCouponsResponse Answer(IssueOutcome outcome, List<Coupon> candidates, IdempotentRequest? idempotency)
    {
        switch (outcome.Refusal)
        {
            case IssueOutcome.NotFound:
                throw ApiException.NotFound("The quota does not exist.");
            case IssueStatement.QuotaNotUsable:
                throw new ApiException(CouponsErrors.QuotaNotUsable);
            case IssueStatement.ResellerNotLinked:
                throw new ApiException(CouponsErrors.ResellerNotLinked);
        }

        var issued = new List<IssuedCoupon>();
        var refused = new List<ErrorDetail>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var coupon = candidates[i];
            if (outcome.PerCustomer[i].Length == 0)
            {
                issued.Add(new IssuedCoupon(coupon.CustomerId, coupon.Id));
            }
            else
            {
                var error = RefusalErrors[outcome.PerCustomer[i]];
                refused.Add(new ErrorDetail(coupon.CustomerId.ToString(), error.Code, error.Message));
            }
        }

        if (idempotency is not null)
        {
            idempotency.MarkStored(new StoredResponse(StatusCodes.Status200OK, AnswerFormat.ContentType, null, Encoding.UTF8.GetBytes(outcome.Body!)));
        }

        return new IssueCouponsResponse(issued, refused);
    }

    /// <summary>The error of each per-customer refusal the issue statement answers.</summary>
    private static readonly Dictionary<string, ErrorCode> RefusalErrors = new(StringComparer.Ordinal)
    {
        [IssueStatement.NotAssociated] = CouponsErrors.CustomerNotAssociated,
        [IssueStatement.NotResellerType] = CouponsErrors.CustomerNotResellerType,
        [IssueStatement.NotWhitelisted] = CouponsErrors.CustomerNotWhitelisted,
        [IssueStatement.QuotaInsufficient] = CouponsErrors.QuotaInsufficient,
    };

    /// <summary>The pieces of the answer's JSON, written by the API's serializer (see <see cref="AnswerFormat"/>).</summary>
    internal static AnswerFormat AnswerFormatOf(JsonSerializerOptions json)
    {
        var envelope = JsonSerializer.Serialize(new IssueCouponsResponse([], []), json).Split("[]");
        if (envelope.Length != 3)
        {
            throw new InvalidOperationException("The issue answer's JSON does not have the two lists the statement fills.");
        }

        return new AnswerFormat(
            envelope[0] + "[",
            "]" + envelope[1] + "[",
            "]" + envelope[2],
            JsonSerializer.Serialize(new IssuedCoupon(Guid.Parse(AnswerFormat.CustomerMark), Guid.Parse(AnswerFormat.CouponMark)), json),
            RefusalErrors.ToDictionary(
                refusal => refusal.Key,
                refusal => JsonSerializer.Serialize(new ErrorDetail(AnswerFormat.CustomerMark, refusal.Value.Code, refusal.Value.Message), json),
                StringComparer.Ordinal));
    }

    private static CouponIssued Issued(Coupon coupon, DateTimeOffset now) => new(
        coupon.Id, SnakeCaseEnumConverter<QuotaType>.NameOf(coupon.CouponType), coupon.QuotaId, coupon.IssuerPartnerId, coupon.IndirectPartnerId,
        coupon.CustomerId, coupon.FaceValue, coupon.Currency, coupon.ValidFrom, coupon.ExpiresAt, now);

    /// <summary>What every coupon of one issue call shares.</summary>
    private sealed record IssuePlan(
        Quota Quota, Guid? IndirectPartnerId, decimal FaceValue, DateTimeOffset ValidFrom, DateTimeOffset ExpiresAt,
        Restrictions Restrictions, CurrentCaller Caller, string? Remark, DateTimeOffset Now)
    {
        public Coupon CouponFor(Guid customerId) => new()
        {
            Id = Guid.CreateVersion7(Now),
            CouponType = Quota.QuotaType,
            Source = CouponSource.PartnerIssue,
            QuotaId = Quota.Id,
            IssuerPartnerId = Quota.PartnerId,
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
            IssuedBy = Caller.UserId,
            Remark = Remark,
            IssuedAt = Now,
            UpdatedAt = Now,
        };
    }
}
