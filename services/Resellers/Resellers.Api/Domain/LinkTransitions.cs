namespace Resellers.Api.Domain;

/// <summary>What a caller asks of a link; the route segment is the kebab-case name (<c>vendor-approve</c>).</summary>
public enum LinkAction
{
    VendorApprove,
    VendorReject,
    Approve,
    Reject,
    Accept,
    Decline,
    Suspend,
    Reinstate,
    Revoke,
}

/// <summary>Who may ask for an action.</summary>
[Flags]
public enum LinkActor
{
    None = 0,
    Vendor = 1,
    Distributor = 2,
    Reseller = 4,
}

public sealed record LinkTransition(LinkState From, LinkAction Action, LinkState To);

/// <summary>
/// The link state machine. Every pair of state and action not listed here is illegal and
/// answers 409 CBC.0150. The lists are public so tests can generate every legal and illegal pair.
/// </summary>
public static class LinkTransitions
{
    public static IReadOnlyList<LinkTransition> All { get; } =
    [
        new(LinkState.Applied, LinkAction.VendorApprove, LinkState.VendorApproved),
        new(LinkState.Applied, LinkAction.VendorReject, LinkState.Rejected),
        new(LinkState.VendorApproved, LinkAction.Approve, LinkState.Active),
        new(LinkState.VendorApproved, LinkAction.Reject, LinkState.Rejected),
        new(LinkState.Invited, LinkAction.Accept, LinkState.Active),
        new(LinkState.Invited, LinkAction.Decline, LinkState.Rejected),
        new(LinkState.Active, LinkAction.Suspend, LinkState.Suspended),
        new(LinkState.Suspended, LinkAction.Reinstate, LinkState.Active),
        new(LinkState.Active, LinkAction.Revoke, LinkState.Revoked),
        new(LinkState.Suspended, LinkAction.Revoke, LinkState.Revoked),
    ];

    /// <summary>States that hold the reseller: at most one such link per reseller (a partial unique index enforces it).</summary>
    public static IReadOnlyList<LinkState> Holding { get; } =
        [LinkState.Applied, LinkState.VendorApproved, LinkState.Invited, LinkState.Active, LinkState.Suspended];

    public static LinkActor ActorsOf(LinkAction action) => action switch
    {
        LinkAction.VendorApprove or LinkAction.VendorReject => LinkActor.Vendor,
        LinkAction.Approve or LinkAction.Reject => LinkActor.Distributor,
        LinkAction.Accept or LinkAction.Decline => LinkActor.Reseller,
        LinkAction.Suspend or LinkAction.Reinstate or LinkAction.Revoke => LinkActor.Vendor | LinkActor.Distributor,
        _ => LinkActor.None,
    };

    public static LinkState? Target(LinkState from, LinkAction action) =>
        All.FirstOrDefault(t => t.From == from && t.Action == action)?.To;

    /// <summary>The action's route segment: <c>VendorApprove</c> → <c>vendor-approve</c>.</summary>
    public static string RouteName(LinkAction action) => Names.Kebab(action.ToString());

    public static LinkAction? FromRouteName(string name) =>
        Enum.GetValues<LinkAction>().Select(a => (LinkAction?)a).FirstOrDefault(a => RouteName(a!.Value) == name);
}
