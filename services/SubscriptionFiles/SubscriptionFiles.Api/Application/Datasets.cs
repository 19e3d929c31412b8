using PartnerPlatform.Csv;
using SubscriptionFiles.Api.Domain;

namespace SubscriptionFiles.Api.Application;

/// <summary>The type of a dataset's keyset column (its first column, unique).</summary>
public enum KeysetType
{
    Uuid,
    BigInt,
}

/// <summary>
/// A list written as CSV: its columns (personal-data columns declared) and one keyset query. The
/// query selects the columns in order, the first being the unique keyset key, and takes
/// <c>@partner_id</c>, <c>@after</c>, <c>@limit</c> and, where <c>/*period*/</c> appears,
/// <c>@period_start</c>/<c>@period_end</c>.
/// </summary>
public sealed record Dataset(string Name, IReadOnlyList<CsvColumn> Columns, KeysetType Keyset, string Sql, string? PeriodColumn = null)
{
    public object FirstKey => Keyset == KeysetType.Uuid ? Guid.Empty : 0L;

    /// <summary>The query, filtered to a period when one is given and the data is dated.</summary>
    public string SqlFor(bool withPeriod) =>
        Sql.Replace(
            "/*period*/",
            withPeriod && PeriodColumn is not null ? $"AND {PeriodColumn} >= @period_start AND {PeriodColumn} < @period_end" : "",
            StringComparison.Ordinal);
}

/// <summary>The datasets of the nine contents and of the exportable lists.</summary>
public static class Datasets
{
    private static readonly CsvColumn CustomerName = new("customer_name", PersonalData.Name);

    // Direct and indirect customers in two branches, each walking its own index in keyset order: an OR
    // of the two would make every page scan and sort all of the partner's customers.
    public static readonly Dataset CustomerInformation = new(
        "customer_information",
        [new("customer_id"), CustomerName, new("association_type"), new("indirect_partner_id"), new("account_manager_id"), new("associated"), new("associated_at")],
        KeysetType.Uuid,
        """
        SELECT customer_id, account_name, association_type, indirect_partner_id, account_manager_id, associated, associated_at
        FROM (
            (SELECT * FROM customers WHERE partner_id = @partner_id AND customer_id > @after ORDER BY customer_id LIMIT @limit)
            UNION ALL
            (SELECT * FROM customers WHERE indirect_partner_id = @partner_id AND partner_id <> @partner_id AND customer_id > @after
             ORDER BY customer_id LIMIT @limit)
        ) c
        ORDER BY customer_id LIMIT @limit
        """);

    public static readonly Dataset CloudResellers = new(
        "cloud_reseller_information",
        [new("link_id"), new("reseller_partner_id"), new("status"), new("linked_at"), new("updated_at")],
        KeysetType.Uuid,
        """
        SELECT link_id, reseller_partner_id, status, linked_at, last_event_at
        FROM reseller_links
        WHERE distributor_partner_id = @partner_id AND link_id > @after
        ORDER BY link_id LIMIT @limit
        """);

    public static readonly Dataset ConsumptionSummary = new(
        "customer_consumption_summary",
        [new("customer_id"), CustomerName, new("record_count"), new("total_amount"), new("currency")],
        KeysetType.Uuid,
        """
        SELECT r.customer_id, min(c.account_name), count(*), sum(r.amount), min(r.currency)
        FROM consumption_records r LEFT JOIN customers c ON c.customer_id = r.customer_id
        WHERE r.partner_id = @partner_id AND r.customer_id > @after /*period*/
        GROUP BY r.customer_id
        ORDER BY r.customer_id LIMIT @limit
        """,
        "r.recorded_at");

    public static readonly Dataset Orders = new(
        "order_resource_details",
        [new("order_id"), new("customer_id"), CustomerName, new("order_type"), new("product_code"), new("resource_id"), new("region"), new("amount"), new("currency"), new("ordered_at")],
        KeysetType.Uuid,
        """
        SELECT o.order_id, o.customer_id, c.account_name, o.order_type, o.product_code, o.resource_id, o.region, o.amount, o.currency, o.ordered_at
        FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.partner_id = @partner_id AND o.order_id > @after /*period*/
        ORDER BY o.order_id LIMIT @limit
        """,
        "o.ordered_at");

    public static readonly Dataset ConsumptionByAccountManager = new(
        "consumption_by_account_manager",
        [new("record_id"), new("account_manager_id"), new("customer_id"), CustomerName, new("product_code"), new("region"), new("consumed_on"), new("amount"), new("currency")],
        KeysetType.Uuid,
        """
        SELECT r.record_id, coalesce(r.account_manager_id, c.account_manager_id), r.customer_id, c.account_name, r.product_code, r.region, r.consumed_on, r.amount, r.currency
        FROM consumption_records r LEFT JOIN customers c ON c.customer_id = r.customer_id
        WHERE r.partner_id = @partner_id AND r.record_id > @after /*period*/
        ORDER BY r.record_id LIMIT @limit
        """,
        "r.recorded_at");

    public static readonly Dataset NewCustomerTags = new(
        "new_customer_tags",
        [new("tag_id"), new("customer_id"), CustomerName, new("tag"), new("tagged_at")],
        KeysetType.BigInt,
        """
        SELECT t.id, t.customer_id, c.account_name, t.tag, t.tagged_at
        FROM customer_tags t LEFT JOIN customers c ON c.customer_id = t.customer_id
        WHERE t.partner_id = @partner_id AND t.id > @after /*period*/
        ORDER BY t.id LIMIT @limit
        """,
        "t.tagged_at");

    public static readonly Dataset Performance = new(
        "performance",
        [new("record_id"), new("period"), new("metric"), new("value"), new("currency"), new("recorded_at")],
        KeysetType.Uuid,
        """
        SELECT record_id, period, metric, value, currency, recorded_at
        FROM performance_records
        WHERE partner_id = @partner_id AND record_id > @after /*period*/
        ORDER BY record_id LIMIT @limit
        """,
        "recorded_at");

    public static readonly Dataset EstimatedIncentives = new(
        "estimated_incentives",
        [new("statement_line_id"), new("period"), new("incentive_kind"), new("amount"), new("currency"), new("estimated_at")],
        KeysetType.Uuid,
        """
        SELECT statement_line_id, period, incentive_kind, amount, currency, estimated_at
        FROM incentive_estimates
        WHERE partner_id = @partner_id AND statement_line_id > @after /*period*/
        ORDER BY statement_line_id LIMIT @limit
        """,
        "estimated_at");

    public static readonly Dataset IncentiveMetrics = new(
        "incentive_metric_details",
        [new("metric_id"), new("statement_line_id"), new("period"), new("incentive_kind"), new("metric"), new("value"), new("formula"), new("published_at")],
        KeysetType.BigInt,
        """
        SELECT id, statement_line_id, period, incentive_kind, metric, value, formula, published_at
        FROM incentive_metrics
        WHERE partner_id = @partner_id AND id > @after /*period*/
        ORDER BY id LIMIT @limit
        """,
        "published_at");

    public static readonly Dataset Coupons = new(
        "coupons",
        [new("coupon_id"), new("coupon_type"), new("customer_id"), CustomerName, new("indirect_partner_id"), new("face_value"), new("balance"), new("currency"), new("status"), new("valid_from"), new("expires_at"), new("issued_at")],
        KeysetType.Uuid,
        """
        SELECT k.coupon_id, k.coupon_type, k.customer_id, c.account_name, k.indirect_partner_id, k.face_value, k.balance, k.currency, k.status, k.valid_from, k.expires_at, k.issued_at
        FROM coupons k LEFT JOIN customers c ON c.customer_id = k.customer_id
        WHERE k.partner_id = @partner_id AND k.coupon_id > @after
        ORDER BY k.coupon_id LIMIT @limit
        """);

    public static readonly Dataset CouponOperations = new(
        "coupon_operations",
        [new("operation_id"), new("operation"), new("coupon_id"), new("customer_id"), CustomerName, new("amount"), new("currency"), new("order_id"), new("occurred_at")],
        KeysetType.BigInt,
        """
        SELECT o.id, o.operation, o.coupon_id, o.customer_id, c.account_name, o.amount, o.currency, o.order_id, o.occurred_at
        FROM coupon_operations o LEFT JOIN customers c ON c.customer_id = o.customer_id
        WHERE o.partner_id = @partner_id AND o.id > @after
        ORDER BY o.id LIMIT @limit
        """);

    public static readonly Dataset Opportunities = new(
        "opportunities",
        [new("opportunity_id"), CustomerName, new("customer_industry"), new("customer_region"), new("expected_revenue"), new("currency"), new("expected_order_date"), new("status"), new("stage"), new("submitted_at")],
        KeysetType.Uuid,
        """
        SELECT opportunity_id, customer_name, customer_industry, customer_region, expected_revenue, currency, expected_order_date, status, stage, submitted_at
        FROM opportunities
        WHERE partner_id = @partner_id AND opportunity_id > @after
        ORDER BY opportunity_id LIMIT @limit
        """);

    public static Dataset ForContent(Content content) => content switch
    {
        Content.CustomerConsumptionSummary => ConsumptionSummary,
        Content.CloudResellerInformation => CloudResellers,
        Content.CustomerInformation => CustomerInformation,
        Content.OrderResourceDetails => Orders,
        Content.ConsumptionByAccountManager => ConsumptionByAccountManager,
        Content.NewCustomerTags => NewCustomerTags,
        Content.Performance => Performance,
        Content.EstimatedIncentives => EstimatedIncentives,
        Content.IncentiveMetricDetails => IncentiveMetrics,
        _ => throw new ArgumentOutOfRangeException(nameof(content), content, null),
    };

    public static Dataset ForExport(ExportList list) => list switch
    {
        ExportList.Customers => CustomerInformation,
        ExportList.Resellers => CloudResellers,
        ExportList.Coupons => Coupons,
        ExportList.CouponOperations => CouponOperations,
        ExportList.Opportunities => Opportunities,
        ExportList.IncentiveLines => EstimatedIncentives,
        ExportList.Orders => Orders,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    public static IEnumerable<Dataset> All =>
        Enum.GetValues<Content>().Select(ForContent).Concat(Enum.GetValues<ExportList>().Select(ForExport)).Distinct();
}
