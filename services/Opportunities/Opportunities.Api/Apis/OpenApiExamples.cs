using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;

namespace Opportunities.Api.Apis;

/// <summary>Request examples in the OpenAPI document for the operations a frontend starts with.</summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, string> Requests = new(StringComparer.Ordinal)
    {
        ["CreateOpportunity"] = """
            {"budget":{"amount":500000.00,"currency":"CNY"},"decision_maker":{"name":"王强","title":"CIO"},
             "need":{"products":["data_lake"],"description":"把本地数据仓库迁移上云，建设统一数据湖。"},
             "purchase_plan":{"expected_order_date":"2027-03-01","project_timeline":"一季度评估，二季度上线。"},
             "customer":{"customer_id":null,"name":"深圳海岸物流有限公司","industry":"logistics","province":"guangdong","city":"深圳"},
             "contact":{"name":"张伟","phone":"13912345678","email":"zhang.wei@example.com"},
             "expected_revenue":{"amount":200000.00,"currency":"CNY"},"cloud_related":true,
             "solution_id":"019b0c6e-2f1a-7c3e-9a51-3d2f8e7b6a10",
             "consent":{"confirmed_by":"张伟","confirmed_at":"2026-11-20T08:00:00Z","method":"signed consent form"}}
            """,
        ["RejectOpportunity"] = """{"reason":"no_clear_budget_or_timeline","note":"客户暂无预算。"}""",
        ["RequestOpportunityChanges"] = """{"parts":["budget","purchase_plan"],"note":"请补充明确的预算和下单时间。"}""",
        ["AddOpportunityProgress"] = """{"stage":"won","note":"客户已签约。"}""",
        ["CreateHandover"] = """
            {"title":"中山智造工厂上云","description":"工厂MES系统上云并建设数据湖。","solution_type":"data_analytics",
             "offering_rule_set":"vendor_led_baseline","offering":"data_lake","committee_case":null,
             "customer":{"name":"中山智造有限公司","industry":"manufacturing","province":"guangdong"},
             "contact":{"name":"陈明","phone":"13800138000","email":"chen.ming@example.com"},
             "expected_revenue":{"amount":600000.00,"currency":"CNY"}}
            """,
        ["AssignHandover"] = """{"partner_id":"de300000-0000-4000-8000-000000000104"}""",
        ["RejectHandover"] = """{"reason":"本季度交付资源不足。"}""",
        ["RegisterDeal"] = """
            {"deal_name":"前海金融数据湖二期","customer_id":null,"customer_name":"深圳前海金融科技有限公司",
             "customer_account_name":"qianhai-fintech","account_manager_name":"李华","product_code":"data_lake",
             "amount":{"amount":900000.00,"currency":"CNY"},"reseller_partner_id":null}
            """,
        ["RegisterProject"] = """
            {"project_name":"智慧港口平台","description":"港口物流平台上云。","customer_name":"盐田港",
             "annual_cloud_spending":{"amount":1200000.00,"currency":"CNY"},"overseas":false}
            """,
        ["CreatePartnerSolution"] = """{"name":"智汇云数据湖迁移方案","description":"迁移评估、实施与运维。","products":["data_lake","database_migration"]}""",
    };

    public static OpenApiOptions AddRequestExamples(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var name = context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
            if (name is not null && Requests.TryGetValue(name, out var example) && operation.RequestBody?.Content is { } content
                && content.TryGetValue("application/json", out var media))
            {
                media.Example = JsonNode.Parse(example);
            }

            return Task.CompletedTask;
        });
}
