using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (<see cref="DemoDataVerb"/>): the demo distributor subscribes to several
/// contents with a local bucket, and last week's consumption summary is delivered once. It lists no
/// account: the accounts are identity-api's.
/// </summary>
public static class DemoDataCommand
{
    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services) =>
        await ActivatorUtilities.CreateInstance<SubscriptionFilesDemoData>(services).SeedAsync(CancellationToken.None);
}
