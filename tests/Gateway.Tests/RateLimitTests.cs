using System.Net;
using Gateway.Tests.Support;
using PartnerPlatform.Testing;

namespace Gateway.Tests;

/// <summary>
/// Limits live in Redis, so they hold across gateway instances. The windows here are long (30 s)
/// so that how fast the requests go out does not matter; each test uses a route of its own.
/// </summary>
public sealed class RateLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static Dictionary<string, string?> Limits(int permits, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Limit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimiting:Window"] = "00:00:30",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Two_gateway_instances_sharing_redis_together_allow_exactly_the_limit()
    {
        var first = await fixture.StartGatewayAsync(Limits(10));
        var second = await fixture.StartGatewayAsync(Limits(10));
        var token = TestTokens.For(Callers.Partner("partner-racing"));
        // An address of its own: other tests' requests from 127.0.0.1 take permits of that address.
        using var firstClient = first.CreateClient(token, IPAddress.Parse("127.0.0.11"));
        using var secondClient = second.CreateClient(token, IPAddress.Parse("127.0.0.11"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? firstClient : secondClient).GetAsync($"/v2/coupons/c-{i}")));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        foreach (var denied in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            await ProblemAssert.IsProblem(denied, HttpStatusCode.TooManyRequests, "CBC.0250");
            var retryAfter = denied.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("Retry-After missing");
            Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public async Task A_route_override_replaces_the_default_for_that_route_only()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(6, new() { ["Gateway:RateLimits:Routes:coupons-benefits"] = "2" }));
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-override")), IPAddress.Parse("127.0.0.12"));

        var overridden = new List<HttpStatusCode>();
        var byDefault = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            overridden.Add((await client.GetAsync("/v2/promotions/benefits/partner-coupons")).StatusCode);
            byDefault.Add((await client.GetAsync("/v2/partners/coupon-quotas/query")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], overridden);
        Assert.All(byDefault, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_partners_allowance_is_shared_across_its_source_addresses()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(4));
        var token = TestTokens.For(Callers.Partner("partner-two-offices"));
        using var officeA = gateway.CreateClient(token, IPAddress.Parse("127.0.0.2"));
        using var officeB = gateway.CreateClient(token, IPAddress.Parse("127.0.0.3"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await officeA.GetAsync("/v2/partners/members/m-1")).StatusCode);
            statuses.Add((await officeB.GetAsync("/v2/partners/members/m-1")).StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_source_addresss_allowance_is_shared_by_every_caller_behind_it_and_not_by_other_addresses()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(3));
        using var anonymous = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.5"));
        using var partnerSameAddress = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-behind-nat")), IPAddress.Parse("127.0.0.5"));
        using var otherAddress = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.6"));

        var sameAddress = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            sameAddress.Add((await anonymous.PostAsync("/v2/auth/login", new StringContent("{}"))).StatusCode);
        }

        sameAddress.Add((await partnerSameAddress.PostAsync("/v2/auth/login", new StringContent("{}"))).StatusCode);
        var fromOtherAddress = await otherAddress.PostAsync("/v2/auth/login", new StringContent("{}"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], sameAddress);
        Assert.Equal(HttpStatusCode.OK, fromOtherAddress.StatusCode);
    }

    [Fact]
    public async Task Anonymous_invitation_previews_are_limited_per_source_address()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(3));
        using var visitor = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.7"));
        using var otherVisitor = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.8"));
        const string Preview = "/v2/partners/sub-customers/invitations/preview?token=CfDJ8-link";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await visitor.GetAsync(Preview)).StatusCode);
        }

        var denied = await visitor.GetAsync(Preview);
        var fromOtherAddress = await otherVisitor.GetAsync(Preview);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await ProblemAssert.IsProblem(denied, HttpStatusCode.TooManyRequests, "CBC.0250");
        Assert.Equal(HttpStatusCode.OK, fromOtherAddress.StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_count_against_their_source_address_so_a_flood_gets_429_before_401()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(3));
        using var intruder = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.9"));
        using var forger = gateway.CreateClient(sourceAddress: IPAddress.Parse("127.0.0.9"));
        forger.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "forged-token");
        using var neighbour = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-next-door")), sourceAddress: IPAddress.Parse("127.0.0.10"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await intruder.GetAsync("/v2/partners/exports/e-1")).StatusCode);
        }

        statuses.Add((await forger.GetAsync("/v2/partners/exports/e-1")).StatusCode);
        var denied = await forger.GetAsync("/v2/partners/exports/e-1");
        var otherAddress = await neighbour.GetAsync("/v2/partners/exports/e-1");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        await ProblemAssert.IsProblem(denied, HttpStatusCode.TooManyRequests, "CBC.0250");
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [Fact]
    public async Task When_redis_does_not_answer_requests_pass_unlimited()
    {
        var gateway = await fixture.StartGatewayAsync(Limits(1, new()
        {
            ["ConnectionStrings:redis"] = "127.0.0.1:1,connectTimeout=200,asyncTimeout=200",
        }));
        using var client = gateway.CreateClient(TestTokens.For(Callers.Partner("partner-no-redis")));

        var first = await client.GetAsync("/v2/partners/exports/e-1");
        var second = await client.GetAsync("/v2/partners/exports/e-2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }
}
