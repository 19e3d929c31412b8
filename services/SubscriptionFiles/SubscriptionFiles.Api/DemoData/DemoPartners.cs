namespace SubscriptionFiles.Api.DemoData;

/// <summary>
/// The ids identity-api's demo data registers its partners under (ADR 0017), and the customers the
/// demo billing and sales streams bill (stand-ins with well-known ids of this service).
/// </summary>
public static class DemoPartners
{
    public static readonly Guid Distributor = new("de300000-0000-4000-8000-000000000101");

    public static readonly Guid SolutionProvider = new("de300000-0000-4000-8000-000000000104");

    public static IReadOnlyList<DemoCustomer> Customers { get; } =
    [
        new(new Guid("de500000-0000-4000-8000-000000000001"), Distributor, "Jincheng Technology Co., Ltd.", new Guid("de500000-0000-4000-8000-000000000101")),
        new(new Guid("de500000-0000-4000-8000-000000000002"), Distributor, "Haitian Logistics Co., Ltd.", new Guid("de500000-0000-4000-8000-000000000101")),
        new(new Guid("de500000-0000-4000-8000-000000000003"), Distributor, "Qingshan Retail Group", new Guid("de500000-0000-4000-8000-000000000102")),
        new(new Guid("de500000-0000-4000-8000-000000000004"), SolutionProvider, "Lanhai Media Studio", null),
    ];
}

/// <summary>A customer billed by the demo streams: its id, its partner, its name and its account manager.</summary>
public sealed record DemoCustomer(Guid Id, Guid PartnerId, string Name, Guid? AccountManagerId);
