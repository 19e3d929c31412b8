namespace Incentives.Api.Domain;

/// <summary>A project opportunities-api approved (or an opportunity it delivered), as the subsidy rule needs it.</summary>
public sealed class SubsidyProject
{
    public Guid ProjectId { get; set; }

    public Guid PartnerId { get; set; }

    public string Name { get; set; } = "";

    public decimal AnnualCloudSpending { get; set; }

    public string Currency { get; set; } = "CNY";

    public bool Overseas { get; set; }

    /// <summary><c>project_approved</c> or <c>opportunity_delivered</c>.</summary>
    public string Source { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A partner's application for a project subsidy; one per project.</summary>
public sealed class ProjectSubsidy
{
    public Guid Id { get; set; }

    public Guid ProjectId { get; set; }

    public Guid PartnerId { get; set; }

    public SubsidyStatus Status { get; set; }

    /// <summary>Whether the project is at or above the large-project threshold (a capability tag was then required).</summary>
    public bool LargeProject { get; set; }

    /// <summary>The capability tags the partner held when it applied.</summary>
    public List<string> CapabilityTagsAtApplication { get; set; } = [];

    public DateTimeOffset AppliedAt { get; set; }
}
