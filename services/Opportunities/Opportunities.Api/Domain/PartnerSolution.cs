namespace Opportunities.Api.Domain;

/// <summary>A partner's own solution, which its POs name to meet the customer's need.</summary>
public sealed class PartnerSolution
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string[] Products { get; set; } = [];

    public SolutionStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
