using System.Net.Http.Headers;
using System.Net.Http.Json;
using Benchmarks.Support;
using Coupons.Api;
using Coupons.Api.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Coupons.Benchmark;

/// <summary>
/// coupons-api as <see cref="ServiceHost{TEntryPoint}"/> runs a service (pool of 20 connections to its
/// database, set in the connection string), its expiry sweep out of the way.
/// </summary>
internal sealed class CouponsHost(string databaseConnectionString, Uri eventBus)
    : ServiceHost<CouponsOptions>(
        "couponsdb", databaseConnectionString, eventBus, new Dictionary<string, string> { ["Coupons:ExpirySweepInterval"] = "01:00:00" })
{
    public string Token(CurrentCaller caller) => TestTokens.For(caller, lifetime: TimeSpan.FromHours(2));

    /// <summary>
    /// A solution provider known through PartnerProgrammeJoined, one reseller-type customer known
    /// through CustomerAssociated, and a quota of <paramref name="amount"/> CNY granted through the
    /// vendor API (by default one that never runs out).
    /// </summary>
    public async Task<Issuer> CreateIssuerAsync(HttpClient http, decimal amount = 900_000_000.00m)
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
                new { partner_id = partnerId, quota_type = "voucher", amount, currency = "CNY", expire_time = DateTimeOffset.UtcNow.AddDays(30) },
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
internal sealed record Issuer(Guid PartnerId, Guid CustomerId, Guid QuotaId, string Token)
{
    /// <summary>Who the records name as the operator: the token's user.</summary>
    public string OperatorId => "bench-" + PartnerId.ToString("N")[..8];
}
