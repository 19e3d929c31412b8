using PartnerPlatform.Testing;

namespace Resellers.Tests.Support;

/// <summary><c>Resellers.Api.dll --seed-demo-data</c> against the factory's servers.</summary>
public static class SeedDemoDataRun
{
    public static Task<ServiceVerbRun> StartAsync(ResellersApiFactory factory, string environment = "Development", string waitTimeout = "00:00:30") =>
        ServiceVerbRun.RunAsync("Resellers.Api.dll", "--seed-demo-data", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ConnectionStrings__resellersdb"] = factory.DatabaseConnectionString,
            ["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString(),
            ["Resellers__DemoData__WaitTimeout"] = waitTimeout,
        });
}
