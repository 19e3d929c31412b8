using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (<see cref="DemoDataVerb"/>): grants the demo quotas once identity-api's events about
/// them have arrived, waiting at most <c>Coupons:DemoData:WaitTimeout</c> (60 s). It lists no account: the
/// accounts are identity-api's.
/// </summary>
public static class DemoDataCommand
{
    public const string WaitTimeoutKey = "Coupons:DemoData:WaitTimeout";

    public static Task<int> RunAsync(WebApplication app) =>
        DemoDataVerb.RunAsync(app, async services => await ActivatorUtilities.CreateInstance<CouponsDemoData>(services)
            .SeedAsync(app.Configuration.GetValue(WaitTimeoutKey, TimeSpan.FromSeconds(60)), CancellationToken.None));
}
