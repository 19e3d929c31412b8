
namespace Identity.Tests.Support;

/// <summary><c>Identity.Api.dll --seed-demo-data</c> against the factory's servers.</summary>
public static class SeedDemoDataRun
{
    public const string DemoAccountPrefix = "demo-account: ";

    public static Task<ServiceVerbRun> StartAsync(IdentityApiFactory factory, string password, string environment = "Development") =>
        ServiceVerbRun.RunAsync("Identity.Api.dll", "--seed-demo-data", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["DOTNET_ENVIRONMENT"] = environment,
            ["ConnectionStrings__identitydb"] = factory.DatabaseConnectionString,
            ["ConnectionStrings__eventbus"] = factory.RabbitMq.ConnectionUri.ToString(),
            ["ConnectionStrings__redis"] = factory.RedisConnectionString,
            ["Identity__VendorAdmin__UserName"] = IdentityApiFactory.VendorAdminUserName,
            ["Identity__VendorAdmin__Password"] = factory.VendorAdminPassword,
            ["Identity__DemoData__Password"] = password,
            ["Identity__DemoData__WaitTimeout"] = "00:00:30",
        });
}
