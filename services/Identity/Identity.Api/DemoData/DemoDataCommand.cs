using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (ADR 0014): seeds, prints one <c>demo-account:</c> line per account and
/// exits 0; refuses outside Development (exit 2); any seeding failure is one clear line on the
/// error output and exit 1.
/// </summary>
public static class DemoDataCommand
{
    public const string Argument = "--seed-demo-data";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // the company names stay readable in the log
    };

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
            var accounts = await ActivatorUtilities.CreateInstance<IdentityDemoData>(scope.ServiceProvider).SeedAsync(CancellationToken.None);
            foreach (var partner in DemoPartners.All)
            {
                await Console.Out.WriteLineAsync($"demo data: {partner.Role} {partner.CompanyName} ({partner.Id}), login {partner.UserName}");
            }

            foreach (var account in accounts)
            {
                await Console.Out.WriteLineAsync("demo-account: " + JsonSerializer.Serialize(account, Json));
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
