using PartnerPlatform.ServiceDefaults;

namespace Coupons.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (ADR 0014, ADR 0017): grants the demo quotas and exits 0; refuses outside
/// Development (exit 2); a failure, such as identity-api's events not arriving within
/// <c>Coupons:DemoData:WaitTimeout</c> (60 s), is one clear line on the error output and exit 1.
/// It lists no account: the accounts are identity-api's.
/// </summary>
public static class DemoDataCommand
{
    public const string Argument = "--seed-demo-data";
    public const string WaitTimeoutKey = "Coupons:DemoData:WaitTimeout";

    public static async Task<int> RunAsync(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                $"{Argument} seeds demo data in Development only; the environment is {app.Environment.EnvironmentName}, so nothing was seeded.");
            return 2;
        }

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = ActivatorUtilities.CreateInstance<CouponsDemoData>(scope.ServiceProvider);
            foreach (var line in await seeder.SeedAsync(app.Configuration.GetValue(WaitTimeoutKey, TimeSpan.FromSeconds(60)), CancellationToken.None))
            {
                await Console.Out.WriteLineAsync(line);
            }

            return 0;
        }
        catch (DemoDataException ex)
        {
            await Console.Error.WriteLineAsync("demo data not seeded: " + ex.Message);
            return 1;
        }
        catch (ApiException ex)
        {
            await Console.Error.WriteLineAsync($"demo data not seeded: {ex.Error.Code} {ex.Message}");
            return 1;
        }
    }
}
