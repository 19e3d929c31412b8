namespace Opportunities.Api.Domain;

/// <summary>A project registration the vendor reviews (approve, or return for changes).</summary>
public sealed class Project
{
    public Guid Id { get; set; }

    public Guid PartnerId { get; set; }

    public string ProjectName { get; set; } = "";

    public string Description { get; set; } = "";

    public string CustomerName { get; set; } = "";

    /// <summary>New cloud spending per year.</summary>
    public decimal AnnualCloudSpending { get; set; }

    public string Currency { get; set; } = "CNY";

    public bool Overseas { get; set; }

    public ProjectStatus Status { get; set; }

    public string? ReviewNote { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
