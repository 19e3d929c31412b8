using PartnerPlatform.ServiceDefaults;

namespace Hostile.Tests.Support;

/// <summary>The six services, started together once for the collection.</summary>
public sealed class AllServices : IAsyncLifetime
{
    private readonly IdentityService _identity = new();
    private readonly ResellersService _resellers = new();
    private readonly CouponsService _coupons = new();
    private readonly OpportunitiesService _opportunities = new();
    private readonly IncentivesService _incentives = new();
    private readonly SubscriptionFilesService _subscriptionFiles = new();

    public static IEnumerable<object[]> Names =>
        [["identity-api"], ["resellers-api"], ["coupons-api"], ["opportunities-api"], ["incentives-api"], ["subscription-files-api"]];

    /// <summary>A partner in every programme, and the vendor's administrator: between them most endpoints let the request in.</summary>
    public static IReadOnlyList<CurrentCaller> Callers { get; } =
    [
        new()
        {
            IsAuthenticated = true,
            UserId = Guid.NewGuid().ToString(),
            PartnerId = Guid.NewGuid().ToString(),
            Programmes = new HashSet<string>(["solution_provider", "distributor", "cloud_reseller"], StringComparer.Ordinal),
            Region = "cn-hangzhou",
        },
        new() { IsAuthenticated = true, UserId = Guid.NewGuid().ToString(), VendorRole = "admin" },
    ];

    public HttpClient Client(string service, CurrentCaller? caller) => service switch
    {
        "identity-api" => _identity.CreateCallerClient(caller),
        "resellers-api" => _resellers.CreateCallerClient(caller),
        "coupons-api" => _coupons.CreateCallerClient(caller),
        "opportunities-api" => _opportunities.CreateCallerClient(caller),
        "incentives-api" => _incentives.CreateCallerClient(caller),
        "subscription-files-api" => _subscriptionFiles.CreateCallerClient(caller),
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    public async Task InitializeAsync() => await Task.WhenAll(
        _identity.InitializeAsync(), _resellers.InitializeAsync(), _coupons.InitializeAsync(),
        _opportunities.InitializeAsync(), _incentives.InitializeAsync(), _subscriptionFiles.InitializeAsync());

    public async Task DisposeAsync()
    {
        foreach (IAsyncLifetime service in new IAsyncLifetime[] { _identity, _resellers, _coupons, _opportunities, _incentives, _subscriptionFiles })
        {
            await service.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AllServicesCollection : ICollectionFixture<AllServices>
{
    public const string Name = "all services";
}
