namespace Incentives.Api.DemoData;

/// <summary><c>--seed-demo-data</c>: the incentive demo of identity-api's demo solution provider. It lists no account: the accounts are identity-api's.</summary>
public static class DemoDataCommand
{
    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services) =>
        await ActivatorUtilities.CreateInstance<IncentivesDemoData>(services).SeedAsync(CancellationToken.None);
}
