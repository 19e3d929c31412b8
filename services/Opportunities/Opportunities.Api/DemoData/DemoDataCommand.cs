using PartnerPlatform.ServiceDefaults;

namespace Opportunities.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (<see cref="DemoDataVerb"/>): once identity-api's events about the demo
/// solution provider have arrived (waiting at most <c>Opportunities:DemoData:WaitTimeout</c>, 60 s),
/// seeds its POs, an HO awaiting its answer and a deal. It lists no account: the accounts are identity-api's.
/// </summary>
public static class DemoDataCommand
{
    public const string WaitTimeoutKey = "Opportunities:DemoData:WaitTimeout";

    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services)
    {
        var waitTimeout = services.GetRequiredService<IConfiguration>().GetValue(WaitTimeoutKey, TimeSpan.FromSeconds(60));
        return await ActivatorUtilities.CreateInstance<OpportunitiesDemoData>(services).SeedAsync(waitTimeout, CancellationToken.None);
    }
}
