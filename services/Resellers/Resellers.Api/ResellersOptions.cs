namespace Resellers.Api;

/// <summary>Configuration section <c>Resellers</c>.</summary>
public sealed class ResellersOptions
{
    public const string SectionName = "Resellers";

    /// <summary>How often expired invitations are closed (state <c>rejected</c>, reason <c>invitation_expired</c>).</summary>
    public TimeSpan InvitationSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A scorecard passes when every metric reaches its target.</summary>
    public int TargetNewCustomers { get; set; } = 1;

    public int TargetCouponRedemptions { get; set; } = 1;

    public int TargetOpportunitiesWon { get; set; }
}
