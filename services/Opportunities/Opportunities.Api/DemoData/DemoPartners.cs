namespace Opportunities.Api.DemoData;

/// <summary>
/// The ids identity-api's demo data registers its partners under (ADR 0017): they reach this
/// service only through identity's events (<c>PartnerCoExpansionPlanJoined</c> for the solution provider).
/// </summary>
public static class DemoPartners
{
    public static readonly Guid SolutionProvider = new("de300000-0000-4000-8000-000000000104");

    /// <summary>The solution provider's main account, which the demo POs are written by.</summary>
    public static readonly Guid SolutionProviderAccount = new("de300000-0000-4000-8000-000000000204");

    /// <summary>The vendor staff id the demo reviews and HO assignments are recorded under (no identity-api account).</summary>
    public static readonly Guid VendorReviewer = new("de300000-0000-4000-8000-000000000301");
}
