using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class RateLimitingTests(RedisDatabaseFixture redis) : IClassFixture<RedisDatabaseFixture>, IAsyncLifetime
{
    private const string ClientIpHeader = "X-Test-Client-IP";

    /// <summary>The gateway's address as the services see it in a local deployment (loopback, trusted by default).</summary>
    private const string Gateway = "127.0.0.1";
    private SampleHost _host = null!;

    public async Task InitializeAsync() => _host = await StartAsync(redis.ConnectionString);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Over_the_limit_a_request_is_a_429_with_CBC_0250_and_retry_after_in_whole_seconds()
    {
        var ip = NewIp();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", ip)).StatusCode);
        }

        var refused = await GetAsync("/v2/limited", ip);

        await ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests, "CBC.0250");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task The_default_limit_is_ten_per_window()
    {
        var ip = NewIp();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/default-limited", ip)).StatusCode);
        }

        await ProblemAssert.IsProblem(await GetAsync("/v2/default-limited", ip), HttpStatusCode.TooManyRequests, "CBC.0250");
    }

    [Fact]
    public async Task Limits_count_per_partner_and_per_source_ip()
    {
        var partnerA = Callers.Partner("p-" + Guid.NewGuid().ToString("N"));
        var partnerB = Callers.Partner("p-" + Guid.NewGuid().ToString("N"));
        var (ip1, ip2, ip3, ip4) = (NewIp(), NewIp(), NewIp(), NewIp());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", ip1, partnerA)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", ip2, partnerB)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/v2/limited", ip3, partnerA)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/v2/limited", ip1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", ip4)).StatusCode);
    }

    [Fact]
    public async Task Behind_the_gateway_each_forwarded_client_address_has_its_own_allowance()
    {
        var (clientA, clientB) = (NewIp(), NewIp());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", Gateway, forwardedFor: clientA)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/v2/limited", Gateway, forwardedFor: clientA)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", Gateway, forwardedFor: clientB)).StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_caller_that_is_not_a_trusted_proxy_is_ignored()
    {
        var caller = NewIp();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/limited", caller, forwardedFor: NewIp())).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/v2/limited", caller, forwardedFor: NewIp())).StatusCode);
    }

    [Fact]
    public async Task Each_route_has_its_own_budget()
    {
        var ip = NewIp();
        for (var i = 0; i < 3; i++)
        {
            await GetAsync("/v2/limited", ip);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetAsync("/v2/limited", ip)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/default-limited", ip)).StatusCode);
    }

    [Fact]
    public async Task Routes_without_a_limit_are_not_counted()
    {
        var ip = NewIp();
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync("/v2/unlimited", ip)).StatusCode);
        }
    }

    [Fact]
    public async Task When_redis_cannot_be_reached_requests_pass()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var host = await StartAsync($"127.0.0.1:{port},connectTimeout=200,syncTimeout=200");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/limited");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_limiter_can_be_called_outside_endpoints()
    {
        var limiter = _host.Services.GetRequiredService<PlatformRateLimiter>();
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Connection.RemoteIpAddress = IPAddress.Parse(NewIp());
        var policy = new RateLimitPolicy(2, TimeSpan.FromMinutes(1));
        var api = "GET /v2/coupons/{**rest}";

        Assert.True((await limiter.CheckAsync(context, api, policy)).Allowed);
        Assert.True((await limiter.CheckAsync(context, api, policy)).Allowed);
        var refused = await limiter.CheckAsync(context, api, policy);

        Assert.False(refused.Allowed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_request_the_source_ip_window_refuses_takes_nothing_from_the_partners_window()
    {
        var limiter = _host.Services.GetRequiredService<PlatformRateLimiter>();
        var redisDatabase = _host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var partner = Callers.Partner("p-" + Guid.NewGuid().ToString("N"));
        var (busyIp, otherIp) = (NewIp(), NewIp());
        var policy = new RateLimitPolicy(2, TimeSpan.FromMinutes(1));
        var api = "GET /v2/opportunities/{**rest}";

        // Anonymous callers use up the busy address's window.
        Assert.True((await limiter.CheckAsync(Request(busyIp, null), api, policy)).Allowed);
        Assert.True((await limiter.CheckAsync(Request(busyIp, null), api, policy)).Allowed);
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await limiter.CheckAsync(Request(busyIp, partner), api, policy)).Allowed);
        }

        var partnerKey = $"{PlatformRateLimiter.KeyPrefix}partner:{partner.PartnerId}:{api}";
        Assert.Equal(0, await redisDatabase.SortedSetLengthAsync(partnerKey));
        Assert.True((await limiter.CheckAsync(Request(otherIp, partner), api, policy)).Allowed);
        Assert.True((await limiter.CheckAsync(Request(otherIp, partner), api, policy)).Allowed);
        Assert.False((await limiter.CheckAsync(Request(otherIp, partner), api, policy)).Allowed);
        Assert.Equal(2, await redisDatabase.SortedSetLengthAsync(partnerKey));
    }

    [Fact]
    public async Task A_request_the_partners_window_refuses_takes_nothing_from_the_source_ip_window()
    {
        var limiter = _host.Services.GetRequiredService<PlatformRateLimiter>();
        var partner = Callers.Partner("p-" + Guid.NewGuid().ToString("N"));
        var (firstIp, secondIp) = (NewIp(), NewIp());
        var policy = new RateLimitPolicy(2, TimeSpan.FromMinutes(1));
        var api = "GET /v2/opportunities/{**rest}";

        Assert.True((await limiter.CheckAsync(Request(firstIp, partner), api, policy)).Allowed);
        Assert.True((await limiter.CheckAsync(Request(firstIp, partner), api, policy)).Allowed);
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await limiter.CheckAsync(Request(secondIp, partner), api, policy)).Allowed);
        }

        // The partner was refused from the second address three times; that address still has its whole window.
        Assert.True((await limiter.CheckAsync(Request(secondIp, null), api, policy)).Allowed);
        Assert.True((await limiter.CheckAsync(Request(secondIp, null), api, policy)).Allowed);
        Assert.False((await limiter.CheckAsync(Request(secondIp, null), api, policy)).Allowed);
    }

    [Fact]
    public async Task A_rejection_written_outside_endpoints_rounds_retry_after_up()
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Response.Body = new MemoryStream();

        await PlatformRateLimiter.WriteRejectionAsync(context, TimeSpan.FromMilliseconds(1200));

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        Assert.Equal("CBC.0250", JsonDocument.Parse(context.Response.Body).RootElement.GetProperty("error_code").GetString());
    }

    private static Task<SampleHost> StartAsync(string redisConnectionString) => SampleHost.StartAsync(
        settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redisConnectionString,
            ["RateLimiting:Window"] = "00:01:00",
        },
        configure: builder => builder.Services.AddSingleton<IStartupFilter>(new ClientIpFromHeader()),
        map: app =>
        {
            app.MapGet("/v2/limited", () => TypedResults.Ok()).WithRateLimit(limit: 3, window: TimeSpan.FromMinutes(1)).AllowAnonymous();
            app.MapGet("/v2/default-limited", () => TypedResults.Ok()).WithRateLimit().AllowAnonymous();
            app.MapGet("/v2/unlimited", () => TypedResults.Ok()).AllowAnonymous();
        });

    private async Task<HttpResponseMessage> GetAsync(string path, string ip, CurrentCaller? caller = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClientIpHeader, ip);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (caller is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.IssueToken(caller));
        }

        return await _host.Client.SendAsync(request);
    }

    private HttpContext Request(string ip, CurrentCaller? caller) => new DefaultHttpContext
    {
        RequestServices = _host.Services,
        Connection = { RemoteIpAddress = IPAddress.Parse(ip) },
        User = caller?.ToPrincipal() ?? new System.Security.Claims.ClaimsPrincipal(),
    };

    private static string NewIp() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>The in-memory test server has no socket: the test names the source address.</summary>
    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
