using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

/// <summary>Forgot password against a Redis server of its own that the test stops: codes fail closed, alike for every account.</summary>
public sealed class PasswordResetRedisOutageTests(PasswordResetRedisOutageTests.OwnRedis factory) : IClassFixture<PasswordResetRedisOutageTests.OwnRedis>
{
    private Scenario Api => factory.Api;

    [Fact]
    public async Task While_redis_is_down_reset_requests_and_confirms_answer_503_alike_and_work_again_once_it_is_back()
    {
        var partner = await Api.RegisterPartnerAsync();
        var unknown = Scenario.UniqueName("nobody");

        await factory.Redis.StopAsync();
        try
        {
            foreach (var name in new[] { partner.UserName, unknown })
            {
                var refused = await Api.PostAsync("/v2/auth/password-resets", new { user_name = name });
                await refused.AssertErrorAsync("CBC.0998", HttpStatusCode.ServiceUnavailable);
                Assert.True(refused.Headers.RetryAfter is not null);
                await (await Api.PostAsync("/v2/auth/password-resets/confirm", new { user_name = name, verification_code = "123456", new_password = "Outage-passw0rd" }))
                    .AssertErrorAsync("CBC.0998", HttpStatusCode.ServiceUnavailable);
            }
        }
        finally
        {
            await factory.Redis.StartAsync();
        }

        await Api.LoginAsync(partner.UserName, Scenario.DefaultPassword);
        await Eventually.HoldsAsync(
            async () => (await Api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName })).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30),
            "reset requests are accepted again once Redis is back");
        var code = factory.Notifications.LatestCode(partner.UserName + "@example.com");
        await (await Api.PostAsync("/v2/auth/password-resets/confirm", new { user_name = partner.UserName, verification_code = code, new_password = "Outage-passw0rd" }))
            .ReadJsonAsync(HttpStatusCode.NoContent);
    }

    /// <summary>identity-api on a Redis server of its own.</summary>
    public sealed class OwnRedis : IdentityApiFactory
    {
        public DedicatedRedisFixture Redis { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ConnectionStrings:redis"] = Redis.ConnectionString };

        public override async Task InitializeAsync()
        {
            await Redis.InitializeAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }
}
