using System.Globalization;

namespace Incentives.Api.Domain;

/// <summary>
/// A line of a partner's incentive statement for a period: <c>estimated</c> → <c>pending_confirmation</c>
/// (published, with a confirmation deadline) → <c>issuing</c> (confirmed by the partner or automatically) →
/// <c>issued</c>; a positive line may instead lapse and be netted against open negative lines.
/// </summary>
public sealed class StatementLine
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public DateOnly Period { get; set; }

    public string IncentiveKind { get; set; } = "";

    /// <summary>The line's amount now (after any netting); <see cref="OriginalAmount"/> is what it was estimated at.</summary>
    public decimal Amount { get; set; }

    public decimal OriginalAmount { get; set; }

    public string Currency { get; set; } = "CNY";

    public StatementLineStatus Status { get; set; }

    public string Metric { get; set; } = "";

    public decimal MetricValue { get; set; }

    public string Formula { get; set; } = "";

    public List<string> Sources { get; set; } = [];

    public List<string> NettingTrail { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmBy { get; set; }

    public string? Feedback { get; set; }

    public DateTimeOffset? FeedbackAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public bool? ConfirmedAutomatically { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }

    public bool IsOpenNegative => Amount < 0 && Status is StatementLineStatus.Estimated or StatementLineStatus.PendingConfirmation;
}

/// <summary>How much of a lapsing positive amount each open negative line absorbs.</summary>
public static class Netting
{
    public sealed record Result(IReadOnlyList<decimal> NegativesAfter, decimal Netted, decimal Remainder);

    /// <summary>
    /// Nets <paramref name="positive"/> against <paramref name="negatives"/> in order: each negative line moves
    /// toward zero by what is left of the positive amount (+200 against −600 → −400). Exact to the cent:
    /// only additions and subtractions of two-decimal amounts.
    /// </summary>
    public static Result Apply(decimal positive, IReadOnlyList<decimal> negatives)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positive);
        var remaining = positive;
        var after = new decimal[negatives.Count];
        for (var i = 0; i < negatives.Count; i++)
        {
            if (negatives[i] > 0)
            {
                throw new ArgumentException("Only negative amounts can be netted against.", nameof(negatives));
            }

            var take = Math.Min(remaining, -negatives[i]);
            after[i] = negatives[i] + take;
            remaining -= take;
        }

        return new Result(after, positive - remaining, remaining);
    }

    public static string Money(decimal amount, string currency) =>
        amount.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " " + currency;
}
