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

    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services)
    {
        var waitTimeout = services.GetRequiredService<IConfiguration>().GetValue(WaitTimeoutKey, TimeSpan.FromSeconds(60));
        return await ActivatorUtilities.CreateInstance<CouponsDemoData>(services).SeedAsync(waitTimeout, CancellationToken.None);
    }
}
