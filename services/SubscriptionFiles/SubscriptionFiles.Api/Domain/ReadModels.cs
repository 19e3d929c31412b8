namespace SubscriptionFiles.Api.Domain;

// Read models fed by other services' events (and by the billing/sales streams). The consumers
// write them with upserts; the files and exports read them with keyset SQL.

/// <summary>A customer of a partner (identity-api's CustomerCreated/Associated/Disassociated, AccountManagerAssigned).</summary>
public sealed class CustomerRecord
{
    public Guid CustomerId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid? IndirectPartnerId { get; set; }

    public string? AccountName { get; set; }

    public string? AssociationType { get; set; }

    public bool Associated { get; set; }

    public Guid? AccountManagerId { get; set; }

    public DateTimeOffset? AssociatedAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>A distributor ↔ cloud reseller link (resellers-api).</summary>
public sealed class ResellerLinkRecord
{
    public Guid LinkId { get; set; }

    public Guid DistributorPartnerId { get; set; }

    public Guid ResellerPartnerId { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset LinkedAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>A coupon a partner issued (coupons-api).</summary>
public sealed class CouponRecord
{
    public Guid CouponId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid? IndirectPartnerId { get; set; }

    public Guid CustomerId { get; set; }

    public string CouponType { get; set; } = "";

    public decimal FaceValue { get; set; }

    public decimal Balance { get; set; }

    public string Currency { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTimeOffset ValidFrom { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>One line of a partner's coupon operation log (issue, recall, redemption, expiry).</summary>
public sealed class CouponOperationRecord
{
    public long Id { get; set; }

    public Guid PartnerId { get; set; }

    public Guid CouponId { get; set; }

    public Guid CustomerId { get; set; }

    public string Operation { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public string? OrderId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>An opportunity a partner submitted (opportunities-api).</summary>
public sealed class OpportunityRecord
{
    public Guid OpportunityId { get; set; }

    public Guid PartnerId { get; set; }

    public string CustomerName { get; set; } = "";

    public string CustomerIndustry { get; set; } = "";

    public string CustomerRegion { get; set; } = "";

    public decimal ExpectedRevenue { get; set; }

    public string Currency { get; set; } = "";

    public DateOnly ExpectedOrderDate { get; set; }

    public string Status { get; set; } = "";

    public string? Stage { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }
}

/// <summary>An incentive statement line's estimate (incentives-api IncentiveEstimated).</summary>
public sealed class IncentiveEstimateRecord
{
    public Guid StatementLineId { get; set; }

    public Guid PartnerId { get; set; }

    public string Period { get; set; } = "";

    public string IncentiveKind { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset EstimatedAt { get; set; }
}

/// <summary>A metric behind an incentive statement line (incentives-api IncentiveMetricsPublished).</summary>
public sealed class IncentiveMetricRecord
{
    public long Id { get; set; }

    public Guid StatementLineId { get; set; }

    public string Metric { get; set; } = "";

    public Guid PartnerId { get; set; }

    public string Period { get; set; } = "";

    public string IncentiveKind { get; set; } = "";

    public decimal Value { get; set; }

    public string Formula { get; set; } = "";

    public DateTimeOffset PublishedAt { get; set; }
}

/// <summary>A day's consumption of a customer (billing side, ConsumptionRecorded).</summary>
public sealed class ConsumptionRecord
{
    public Guid RecordId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid? AccountManagerId { get; set; }

    public string ProductCode { get; set; } = "";

    public string Region { get; set; } = "";

    public DateOnly ConsumedOn { get; set; }

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A customer's order and the resource it bought (ordering side, OrderRecorded).</summary>
public sealed class OrderRecord
{
    public Guid OrderId { get; set; }

    public Guid PartnerId { get; set; }

    public Guid CustomerId { get; set; }

    public string OrderType { get; set; } = "";

    public string ProductCode { get; set; } = "";

    public string ResourceId { get; set; } = "";

    public string Region { get; set; } = "";

    public decimal Amount { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset OrderedAt { get; set; }
}

/// <summary>A tag on a partner's customer (sales side, CustomerTagged).</summary>
public sealed class CustomerTagRecord
{
    public long Id { get; set; }

    public Guid PartnerId { get; set; }

    public Guid CustomerId { get; set; }

    public string Tag { get; set; } = "";

    public DateTimeOffset TaggedAt { get; set; }
}

/// <summary>A partner's performance figure (sales side, PerformanceRecorded).</summary>
public sealed class PerformanceRecord
{
    public Guid RecordId { get; set; }

    public Guid PartnerId { get; set; }

    public string Period { get; set; } = "";

    public string Metric { get; set; } = "";

    public decimal Value { get; set; }

    public string Currency { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}
