namespace Incentives.Api.DemoData;

/// <summary>The ids identity-api's demo data registers its partners under (ADR 0017).</summary>
public static class DemoPartners
{
    public static readonly Guid SolutionProvider = new("de300000-0000-4000-8000-000000000104");
}
