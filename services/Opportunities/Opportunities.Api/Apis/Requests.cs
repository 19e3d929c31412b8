using Microsoft.AspNetCore.Mvc;

namespace Opportunities.Api.Apis;

/// <summary><c>GET /v2/partners/opportunities/deals</c>: the seed's four query filters (each optional, matched as part of the text).</summary>
public sealed record DealQuery(
    [FromQuery(Name = "deal_name")] string? DealName,
    [FromQuery(Name = "customer_name")] string? CustomerName,
    [FromQuery(Name = "customer_account_name")] string? CustomerAccountName,
    [FromQuery(Name = "account_manager_name")] string? AccountManagerName);
