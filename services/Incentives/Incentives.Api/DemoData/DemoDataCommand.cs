using PartnerPlatform.ServiceDefaults;

namespace Incentives.Api.DemoData;

/// <summary><c>--seed-demo-data</c> (<see cref="DemoDataVerb"/>): the incentive demo of identity-api's demo solution provider. It lists no account: the accounts are identity-api's.</summary>
public static class DemoDataCommand
{
    public static Task<int> RunAsync(WebApplication app) =>
        DemoDataVerb.RunAsync(app, async services => await ActivatorUtilities.CreateInstance<IncentivesDemoData>(services).SeedAsync(CancellationToken.None));
}
