using Coupons.Tests.Support;
using PartnerPlatform.Testing;

namespace Coupons.Tests.DemoData;

/// <summary><c>Coupons.Api.dll --seed-demo-data</c> against the factory's servers.</summary>
public static class SeedDemoDataRun
{
    public static Task<ServiceVerbRun> StartAsync(CouponsApiFactory factory, string environment = "Development", string waitTimeout = "00:00:30") =>
        ServiceVerbRun.RunAsync("Coupons.Api.dll", "--seed-demo-data", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ConnectionStrings__couponsdb"] = factory.DatabaseConnectionString,
            ["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString(),
            ["Coupons__DemoData__WaitTimeout"] = waitTimeout,
        });
}
