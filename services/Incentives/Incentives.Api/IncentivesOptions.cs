namespace Incentives.Api;

/// <summary>Configuration section <c>Incentives</c>; every setting has a working default. Rules marked (design) in the spec live here.</summary>
public sealed class IncentivesOptions
{
    public const string SectionName = "Incentives";

    /// <summary>Working days the partner has to verify a monthly FH list (seed: 14).</summary>
    public int VerificationWorkingDays { get; set; } = 14;

    /// <summary>The currency FH amounts are paid in.</summary>
    public string FhCurrency { get; set; } = "CNY";

    /// <summary>Working days between the vendor's payment approval (paying) and payment (design: 2).</summary>
    public int PaymentWorkingDays { get; set; } = 2;

    /// <summary>Working days between a statement's publication and its confirmation deadline (design).</summary>
    public int StatementConfirmationWorkingDays { get; set; } = 5;

    /// <summary>Large-project thresholds of project subsidies, per year: currency → amount (seed: 1,000,000 CNY, overseas 125,000 USD).</summary>
    public decimal LargeProjectThresholdCny { get; set; } = 1_000_000m;

    public decimal LargeProjectThresholdOverseasUsd { get; set; } = 125_000m;

    /// <summary>Calendar days after an MDF activity's end during which claims are accepted (design); the activity expires after them.</summary>
    public int MdfClaimWindowDays { get; set; } = 90;

    /// <summary>How often the monthly list generation, the verification sweeper and the auto-confirm sweeper look for work.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows a job claims per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
