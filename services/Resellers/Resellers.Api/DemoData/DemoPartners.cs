namespace Resellers.Api.DemoData;

/// <summary>
/// The ids identity-api's demo data registers its partners under (ADR 0017): they reach this
/// service only through <c>PartnerRegistered</c> and <c>PartnerProgrammeJoined</c>.
/// </summary>
public static class DemoPartners
{
    public static readonly Guid Distributor = new("de300000-0000-4000-8000-000000000101");
    public static readonly Guid DistributorAccount = new("de300000-0000-4000-8000-000000000201");

    /// <summary>The two cloud resellers and their main accounts.</summary>
    public static IReadOnlyList<(Guid Partner, Guid Account)> Resellers { get; } =
    [
        (new Guid("de300000-0000-4000-8000-000000000102"), new Guid("de300000-0000-4000-8000-000000000202")),
        (new Guid("de300000-0000-4000-8000-000000000103"), new Guid("de300000-0000-4000-8000-000000000203")),
    ];
}
