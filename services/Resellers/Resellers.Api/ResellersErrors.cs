using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api;

/// <summary>resellers-api's own codes (<c>CBC.6000xx</c>), served with the generic ones at <c>GET /v2/reference/error-codes</c>.</summary>
public static class ResellersErrors
{
    public static readonly ErrorCode NotADistributor =
        new("CBC.600001", 400, "Not a distributor", "The named partner is not a distributor of the distribution plan.");

    public static readonly ErrorCode ResellerAlreadyHeld =
        new("CBC.600002", 409, "Reseller already linked", "The reseller already belongs to, or is pending with, a distributor.");

    public static readonly ErrorCode AlreadySolutionProvider =
        new("CBC.600003", 409, "Already a solution provider", "The account is a solution provider and cannot join as a cloud reseller.");

    public static readonly ErrorCode AssociatedCustomer =
        new("CBC.600004", 409, "Associated customer", "The account is another partner's associated customer.");

    public static readonly ErrorCode ArrearsOrCreditAccount =
        new("CBC.600005", 409, "Arrears or credit account", "The account has arrears or a credit account.");

    public static readonly ErrorCode Frozen =
        new("CBC.600006", 409, "Frozen account", "The account is frozen.");

    public static readonly ErrorCode InvitationExpired =
        new("CBC.600007", 409, "Invitation expired", "The invitation is older than 7 days; ask the distributor for a new one.");

    public static readonly ErrorCode QuickJoinNotAllowed =
        new("CBC.600008", 409, "Quick join not allowed", "Quick join is for accounts whose solution provider programme has expired.");

    public static readonly ErrorCode UnknownPartner =
        new("CBC.600009", 400, "Unknown partner", "No partner with this id is known.");

    public static readonly ErrorCode SelfLink =
        new("CBC.600010", 400, "Self link", "A partner cannot be its own distributor.");

    public static readonly ErrorCode PriceOutOfRange =
        new("CBC.600011", 400, "Price out of range", "The price must lie between the floor price and the catalogue price.");

    public static readonly ErrorCode DirectSale =
        new("CBC.600012", 409, "Direct sale", "The order carries no reseller id: it is a direct sale and its price cannot change.");

    public static readonly ErrorCode PlanIrrevocable =
        new("CBC.600013", 409, "Plan irrevocable", "The improvement plan was approved by vendor staff and can no longer be changed or withdrawn.");

    public static readonly ErrorCode NoDistributor =
        new("CBC.600014", 409, "No distributor", "The reseller has no active link to a distributor.");

    public static readonly ErrorCode ScorecardExists =
        new("CBC.600015", 409, "Scorecard exists", "A scorecard for this reseller and period was already published.");

    public static readonly ErrorCode OrderExists =
        new("CBC.600016", 409, "Order exists", "An order with this id was already recorded with other data.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        NotADistributor, ResellerAlreadyHeld, AlreadySolutionProvider, AssociatedCustomer, ArrearsOrCreditAccount, Frozen,
        InvitationExpired, QuickJoinNotAllowed, UnknownPartner, SelfLink, PriceOutOfRange, DirectSale, PlanIrrevocable,
        NoDistributor, ScorecardExists, OrderExists,
    ];
}
