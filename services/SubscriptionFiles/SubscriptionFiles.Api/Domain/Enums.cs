namespace SubscriptionFiles.Api.Domain;

/// <summary>The nine contents a partner can subscribe to (seed 004).</summary>
public enum Content
{
    /// <summary>客户消费汇总: consumption per customer over the period.</summary>
    CustomerConsumptionSummary,

    /// <summary>Cloud reseller information: the distributor's reseller links.</summary>
    CloudResellerInformation,

    /// <summary>Customer information: the partner's associated customers.</summary>
    CustomerInformation,

    /// <summary>订单资源明细: orders and the resources they bought.</summary>
    OrderResourceDetails,

    /// <summary>按客户经理导出消费明细: consumption lines with the customer's account manager.</summary>
    ConsumptionByAccountManager,

    /// <summary>New-customer tags given in the period.</summary>
    NewCustomerTags,

    /// <summary>业绩: performance figures recorded in the period.</summary>
    Performance,

    /// <summary>预估激励: incentive estimates.</summary>
    EstimatedIncentives,

    /// <summary>Incentive and metric details.</summary>
    IncentiveMetricDetails,
}

/// <summary>How often a content is delivered after its first delivery.</summary>
public enum Cadence
{
    Weekly,
    Monthly,
}

/// <summary>Where a bucket lives.</summary>
public enum BucketKind
{
    /// <summary>A directory under the service's local bucket root (the default, embedded adapter).</summary>
    Local,

    /// <summary>A bucket on the configured S3-compatible object storage.</summary>
    S3,
}

public enum DeliveryStatus
{
    /// <summary>Waiting for its period to close (or for a requested re-delivery).</summary>
    Pending,

    /// <summary>An upload failed; retried daily.</summary>
    Retrying,

    Delivered,

    /// <summary>Every retry failed; reported to the partner.</summary>
    Failed,

    /// <summary>The content was unsubscribed before the delivery ran.</summary>
    Cancelled,
}

public enum ExportStatus
{
    Pending,
    Completed,
    Failed,
}

/// <summary>The lists a partner sees in the suite, each exportable.</summary>
public enum ExportList
{
    Customers,
    Resellers,
    Coupons,
    CouponOperations,
    Opportunities,
    IncentiveLines,
    Orders,
}
