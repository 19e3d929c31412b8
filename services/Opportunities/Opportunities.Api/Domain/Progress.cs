namespace Opportunities.Api.Domain;

/// <summary>
/// The stage rule shared by POs and HOs: forward through qualified → solution_validation →
/// business_negotiation → won → delivered (steps may be skipped, never undone; the same stage again
/// is a further note), lost from any open stage; delivered and lost end it.
/// </summary>
public static class Progress
{
    public static bool CanMove(Stage? current, Stage next) => current switch
    {
        Domain.Stage.Delivered or Domain.Stage.Lost => false,
        null => true,
        _ when next == Domain.Stage.Lost => current != Domain.Stage.Won,
        Domain.Stage.Won => next is Domain.Stage.Won or Domain.Stage.Delivered,
        _ => next >= current && next != Domain.Stage.Delivered,
    };
}
