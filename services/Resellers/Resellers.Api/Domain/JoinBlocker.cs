using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.Domain;

/// <summary>Why an account may not join the distribution plan now.</summary>
public enum JoinBlockerReason
{
    AlreadySolutionProvider,
    AssociatedCustomer,
    ArrearsOrCreditAccount,
    Frozen,
}

public static class JoinBlockers
{
    public static ErrorCode ErrorFor(JoinBlockerReason reason) => reason switch
    {
        JoinBlockerReason.AlreadySolutionProvider => ResellersErrors.AlreadySolutionProvider,
        JoinBlockerReason.AssociatedCustomer => ResellersErrors.AssociatedCustomer,
        JoinBlockerReason.ArrearsOrCreditAccount => ResellersErrors.ArrearsOrCreditAccount,
        JoinBlockerReason.Frozen => ResellersErrors.Frozen,
        _ => ErrorCodes.IllegalState,
    };

    /// <summary>409 with the first blocker's code; <c>errors.blockers</c> lists every reason.</summary>
    public static void ThrowIfAny(IReadOnlyList<JoinBlockerReason> blockers)
    {
        if (blockers.Count == 0)
        {
            return;
        }

        var first = ErrorFor(blockers[0]);
        throw new ApiException(
            first,
            string.Join(" ", blockers.Select(b => ErrorFor(b).Message)),
            new Dictionary<string, string[]> { ["blockers"] = [.. blockers.Select(b => Names.Snake(b))] });
    }
}
