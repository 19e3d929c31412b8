namespace Identity.Api.Domain;

/// <summary>
/// Permission items a partner's main account assigns to members through roles. Tokens carry them as
/// <c>permission</c> claims; every service checks them per endpoint (<c>.RequirePermission(…)</c>).
/// </summary>
public static class PermissionItems
{
    public const string CustomersCreate = "customers.create";
    public const string CustomersAssociate = "customers.associate";
    public const string CustomersManage = "customers.manage";
    public const string CustomersViewPii = "customers.view_pii";
    public const string CouponsIssue = "coupons.issue";
    public const string CouponsRecall = "coupons.recall";
    public const string OpportunitiesManage = "opportunities.manage";
    public const string IncentivesManage = "incentives.manage";
    public const string MembersManage = "members.manage";
    public const string PartnerManage = "partner.manage";

    /// <summary>Every item; a partner's main account holds all of them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomersCreate, CustomersAssociate, CustomersManage, CustomersViewPii, CouponsIssue, CouponsRecall,
        OpportunitiesManage, IncentivesManage, MembersManage, PartnerManage,
    ];

    public static bool IsKnown(string item) => All.Contains(item, StringComparer.Ordinal);
}
