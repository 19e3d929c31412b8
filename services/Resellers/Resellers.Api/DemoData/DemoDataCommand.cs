using PartnerPlatform.ServiceDefaults;

namespace Resellers.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (<see cref="DemoDataVerb"/>): links the demo partners once identity-api's events about
/// them have arrived, waiting at most <c>Resellers:DemoData:WaitTimeout</c> (60 s). It lists no account: the
/// accounts are identity-api's.
/// </summary>
public static class DemoDataCommand
{
    public const string WaitTimeoutKey = "Resellers:DemoData:WaitTimeout";

    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services)
    {
        var waitTimeout = services.GetRequiredService<IConfiguration>().GetValue(WaitTimeoutKey, TimeSpan.FromSeconds(60));
        return await ActivatorUtilities.CreateInstance<ResellersDemoData>(services).SeedAsync(waitTimeout, CancellationToken.None);
    }
}
