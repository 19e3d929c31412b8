using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPlatform.AppHost.Tests;

/// <summary>Through the gateway, as a client of the platform the AppHost brought up.</summary>
[Collection(nameof(PlatformCollection))]
public sealed class EndToEndTests(PlatformFixture platform)
{
    private static readonly string[] DemoLogins =
        ["demo-cust-jincheng", "demo-distributor", "demo-reseller-hangzhou", "demo-reseller-suzhou", "demo-solution-provider"];

    [Fact]
    public async Task Through_the_gateway_the_vendor_administrator_reaches_every_service()
    {
        using var gateway = platform.App.CreateHttpClient("gateway");

        using (var anonymous = await gateway.GetAsync(new Uri("v2/vendor/partners", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("CBC.0154", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        }

        gateway.DefaultRequestHeaders.Authorization = await SignInAsync(gateway, "vendor-admin", platform.VendorAdminPassword);

        // identity-api: the vendor's partners, the seeded demo partners among them.
        var partners = await GetOkAsync(gateway, "v2/vendor/partners?limit=50");
        Assert.True(partners.GetProperty("total_count").GetInt64() >= 4, partners.ToString());

        // resellers-api: vendor staff see every distributor-reseller link (the two seeded ones).
        var links = await GetOkAsync(gateway, "v2/partners/distribution/links");
        Assert.True(links.GetProperty("total_count").GetInt64() >= 2, links.ToString());

        // coupons-api: a partner's whitelist, version 0 before any import.
        var partnerId = Guid.NewGuid();
        var whitelist = await GetOkAsync(gateway, $"v2/promotions/benefits/whitelists/{partnerId}");
        Assert.Equal((partnerId, 0), (whitelist.GetProperty("partner_id").GetGuid(), whitelist.GetProperty("version").GetInt32()));

        // The gateway's own view: every service it routes to answers healthy.
        var health = await GetOkAsync(gateway, "health");
        var components = health.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.All([.. PlatformFixture.Services, "gateway"], name => Assert.Equal((name, "healthy"), (name, components.GetValueOrDefault(name))));
    }

    [Fact]
    public async Task The_demo_partners_sign_in_through_the_gateway_and_see_what_was_seeded_for_them()
    {
        // The accounts identity-api's seeder printed are listed on its resource in the dashboard.
        var notifications = platform.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState("identity-api-seed", out var seeder));
        Assert.Equal(0, seeder.Snapshot.ExitCode);
        var listed = seeder.Snapshot.Properties.Select(p => p.Name).Where(n => n.StartsWith("demo-account.", StringComparison.Ordinal))
            .Select(n => n["demo-account.".Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(DemoLogins, listed);

        using var gateway = platform.App.CreateHttpClient("gateway");
        gateway.DefaultRequestHeaders.Authorization = await SignInAsync(gateway, "demo-distributor", platform.DemoPassword);
        var links = await GetOkAsync(gateway, "v2/partners/distribution/links?role=distributor&state=active");
        Assert.Equal(2, links.GetProperty("total_count").GetInt64());
        Assert.All(links.GetProperty("links").EnumerateArray(), l => Assert.StartsWith("【演示】", l.GetProperty("reseller_name").GetString(), StringComparison.Ordinal));

        gateway.DefaultRequestHeaders.Authorization = await SignInAsync(gateway, "demo-solution-provider", platform.DemoPassword);
        using var quotas = await gateway.PostAsJsonAsync("v2/partners/coupon-quotas/query", new { });
        var page = await quotas.Content.ReadAsStringAsync();
        Assert.True(quotas.StatusCode == HttpStatusCode.OK, page);
        var quota = Assert.Single(JsonDocument.Parse(page).RootElement.GetProperty("quotas").EnumerateArray());
        Assert.Equal(("voucher", 50_000m, "CNY"), (
            quota.GetProperty("quota_type").GetString(), quota.GetProperty("remaining_amount").GetDecimal(), quota.GetProperty("currency").GetString()));

        gateway.DefaultRequestHeaders.Authorization = null;
        using var wrong = await gateway.PostAsJsonAsync("v2/auth/login", new { username = "demo-distributor", password = platform.DemoPassword + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(string.IsNullOrEmpty((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString()));
    }

    internal static async Task<AuthenticationHeaderValue> SignInAsync(HttpClient gateway, string username, string password)
    {
        gateway.DefaultRequestHeaders.Authorization = null;
        using var login = await gateway.PostAsJsonAsync("v2/auth/login", new { username, password });
        var body = await login.Content.ReadAsStringAsync();
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"{username}: {(int)login.StatusCode} {body}");
        var tokens = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        return new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
    }

    internal static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
