using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coupons.Api;
using Coupons.Api.Data;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Coupons.Benchmark;

/// <summary>
/// coupons-api exactly as its Program.cs builds it (the factory finds it through any type of the assembly), on Kestrel at 127.0.0.1 (random port), Production
/// environment, warnings-only logging, pool of 20 connections to its database.
/// </summary>
internal sealed class CouponsHost(string databaseConnectionString, Uri eventBus) : WebApplicationFactory<CouponsOptions>
{
    public Uri BaseAddress { get; private set; } = null!;

    public async Task StartAsync()
    {
        // The factory reads its manifest relative to the working directory; `dotnet run` starts elsewhere.
        var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
        var assembly = typeof(CouponsOptions).Assembly;
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_" + assembly.GetName().Name!.Replace('.', '_').ToUpperInvariant(), manifest[assembly.FullName!]);
        BaseAddress = this.StartOnLoopback();
        var bus = Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The event bus of coupons-api did not become healthy.");
            }

            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:couponsdb", databaseConnectionString);
        builder.TrustTestTokens();
        builder.UseSetting("ConnectionStrings:eventbus", eventBus.ToString());
        builder.UseSetting("APPLY_MIGRATIONS", "true");
        builder.UseSetting("Coupons:ExpirySweepInterval", "01:00:00");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning));
    }

    public string Token(CurrentCaller caller) => TestTokens.For(caller, lifetime: TimeSpan.FromHours(2));

    /// <summary>
    /// A solution provider known through PartnerProgrammeJoined, one reseller-type customer known
    /// through CustomerAssociated, and a quota granted through the vendor API that never runs out.
    /// </summary>
    public async Task<Issuer> CreateIssuerAsync(HttpClient http)
    {
        var partnerId = Guid.NewGuid();
        var customerId = Guid.NewGuid();
        var bus = Services.GetRequiredService<IBus>();
        await bus.Publish(new PartnerProgrammeJoined(partnerId, "solution_provider", null, DateTimeOffset.UtcNow));
        await bus.Publish(new CustomerAssociated(partnerId, customerId, "reseller", null, DateTimeOffset.UtcNow));
        await EventuallyAsync(async db =>
            await db.PartnerProgrammes.AnyAsync(p => p.PartnerId == partnerId) && await db.CustomerAssociations.AnyAsync(a => a.CustomerId == customerId));

        using var grant = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/coupon-quotas/vendor-grants")
        {
            Content = JsonContent.Create(
                new { partner_id = partnerId, quota_type = "voucher", amount = 900_000_000.00m, currency = "CNY", expire_time = DateTimeOffset.UtcNow.AddDays(30) },
                options: PlatformJson.Options),
        };
        grant.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(new CurrentCaller { IsAuthenticated = true, UserId = "bench-staff", VendorRole = "ecosystem_manager" }));
        grant.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(grant);
        response.EnsureSuccessStatusCode();
        var quota = await response.Content.ReadFromJsonAsync<GrantedQuota>(PlatformJson.Options) ?? throw new InvalidOperationException("No quota in the answer.");
        var token = Token(new CurrentCaller
        {
            IsAuthenticated = true,
            UserId = "bench-" + partnerId.ToString("N")[..8],
            PartnerId = partnerId.ToString(),
            Programmes = new HashSet<string> { "solution_provider" },
            Permissions = new HashSet<string> { "coupons.issue" },
        });
        return new Issuer(partnerId, customerId, quota.QuotaId, token);
    }

    private async Task EventuallyAsync(Func<CouponsDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = Services.CreateAsyncScope())
            {
                if (await condition(scope.ServiceProvider.GetRequiredService<CouponsDbContext>()))
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The read models did not catch up with the setup events.");
            }

            await Task.Delay(20);
        }
    }

    private sealed record GrantedQuota(Guid QuotaId);
}

/// <summary>A partner that can issue: its token, its customer and its quota.</summary>
internal sealed record Issuer(Guid PartnerId, Guid CustomerId, Guid QuotaId, string Token);
