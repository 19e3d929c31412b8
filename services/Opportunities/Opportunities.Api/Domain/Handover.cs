namespace Opportunities.Api.Domain;

/// <summary>
/// An HO: an opportunity the vendor shares with one eligible partner. Its offering is chosen under
/// one of the rule sets, or a committee decides first (<see cref="HandoverStatus.PendingCommittee"/>).
/// The assigned partner answers within <see cref="RespondBy"/>; silence recalls it.
/// </summary>
public sealed class Handover
{
    public Guid Id { get; set; }

    public HandoverStatus Status { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string SolutionType { get; set; } = "";

    public OfferingRuleSet? OfferingRuleSet { get; set; }

    public string? Offering { get; set; }

    public string? CommitteeCase { get; set; }

    public string? CommitteeNote { get; set; }

    public string CustomerName { get; set; } = "";

    public string CustomerIndustry { get; set; } = "";

    public string CustomerProvince { get; set; } = "";

    public string ContactName { get; set; } = "";

    public string ContactPhone { get; set; } = "";

    public string? ContactEmail { get; set; }

    public decimal ExpectedRevenue { get; set; }

    public string Currency { get; set; } = "CNY";

    public Guid? PartnerId { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? RespondBy { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }

    public string? RejectionReason { get; set; }

    public Stage? Stage { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
