namespace Identity.Api.DemoData;

/// <summary>
/// The demo partners under well-known ids (ADR 0017). resellers-api and coupons-api know the same
/// ids, so their seeders find these partners in the read models the events fill, without names.
/// Every company name carries 【演示】 ("demo") and every address ends in <c>@demo.test</c>.
/// </summary>
public static class DemoPartners
{
    public static readonly DemoPartner Distributor = new(
        new Guid("de300000-0000-4000-8000-000000000101"), new Guid("de300000-0000-4000-8000-000000000201"),
        "demo-distributor", "【演示】华东云联分销有限公司", "distributor");

    public static readonly DemoPartner FirstReseller = new(
        new Guid("de300000-0000-4000-8000-000000000102"), new Guid("de300000-0000-4000-8000-000000000202"),
        "demo-reseller-hangzhou", "【演示】杭州云帆信息技术有限公司", "cloud reseller");

    public static readonly DemoPartner SecondReseller = new(
        new Guid("de300000-0000-4000-8000-000000000103"), new Guid("de300000-0000-4000-8000-000000000203"),
        "demo-reseller-suzhou", "【演示】苏州云栈网络科技有限公司", "cloud reseller");

    public static readonly DemoPartner SolutionProvider = new(
        new Guid("de300000-0000-4000-8000-000000000104"), new Guid("de300000-0000-4000-8000-000000000204"),
        "demo-solution-provider", "【演示】深圳智汇云科技有限公司", "solution provider");

    public static IReadOnlyList<DemoPartner> All { get; } = [Distributor, FirstReseller, SecondReseller, SolutionProvider];

    /// <summary>The solution provider's customers, created through the registration API (association type <c>reseller</c>).</summary>
    public static IReadOnlyList<DemoCustomer> Customers { get; } =
    [
        new("demo-customer-1", "demo-cust-jincheng", "jincheng@demo.test", HasLogin: true),
        new("demo-customer-2", "demo-cust-haitian", "haitian@demo.test", HasLogin: false),
    ];
}

/// <summary>A demo partner: its id, its main account's id and login, its name and what it plays.</summary>
public sealed record DemoPartner(Guid Id, Guid AccountId, string UserName, string CompanyName, string Role)
{
    public string Email => UserName + "@demo.test";
}

/// <summary>A demo customer: the solution provider's <c>xaccount_id</c>, the account name, and whether it gets a login.</summary>
public sealed record DemoCustomer(string XAccountId, string AccountName, string Email, bool HasLogin);
