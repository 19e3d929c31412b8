using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Api.DemoData;

/// <summary>
/// <c>--seed-demo-data</c> (<see cref="ServiceVerbs"/>): seeds the demo partners and customers and
/// prints one <c>demo-account:</c> line per account, for the AppHost's table.
/// </summary>
public static class DemoDataCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // the company names stay readable in the log
    };

    public static async Task<IEnumerable<string>> SeedAsync(IServiceProvider services)
    {
        var accounts = await ActivatorUtilities.CreateInstance<IdentityDemoData>(services).SeedAsync(CancellationToken.None);
        return DemoPartners.All
            .Select(partner => $"demo data: {partner.Role} {partner.CompanyName} ({partner.Id}), login {partner.UserName}")
            .Concat(accounts.Select(account => "demo-account: " + JsonSerializer.Serialize(account, Json)));
    }
}
