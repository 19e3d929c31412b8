namespace Opportunities.Api.DemoData;

/// <summary>
/// The ids identity-api's demo data registers its partners under (ADR 0017): they reach this
/// service only through identity's events (<c>PartnerCoExpansionPlanJoined</c> for the solution provider).
/// </summary>
public static class DemoPartners
{
    public static readonly Guid SolutionProvider = new("de300000-0000-4000-8000-000000000104");
}
