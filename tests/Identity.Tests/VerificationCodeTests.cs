using System.Net;
using Identity.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Identity.Tests;

/// <summary>Codes against a clock of their own: limits per receiver, lifetime, death after three failures, nothing in clear.</summary>
public sealed class VerificationCodeTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private Scenario Api => factory.Api;

    [Fact]
    public async Task A_code_is_six_digits_delivered_to_the_phone_and_stored_and_logged_only_as_hashes()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();

        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);

        Assert.Matches("^[0-9]{6}$", code);
        var multiplexer = factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var redis = multiplexer.GetDatabase();
        var keys = new List<string>();
        await foreach (var key in multiplexer.GetServers().Single().KeysAsync(redis.Database, "identity:*"))
        {
            keys.Add(key!);
        }

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(mobile, key, StringComparison.Ordinal);
            var type = await redis.KeyTypeAsync(key);
            var content = type == RedisType.Hash
                ? (await redis.HashGetAllAsync(key)).SelectMany(entry => new[] { (string?)entry.Name, (string?)entry.Value })
                : (await redis.SortedSetRangeByRankAsync(key)).Select(v => (string?)v);
            foreach (var value in content)
            {
                Assert.DoesNotContain(code, value ?? "", StringComparison.Ordinal);
                Assert.DoesNotContain(mobile, value ?? "", StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sixteenth_code_within_an_hour_is_refused_and_allowed_again_an_hour_later()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        for (var i = 0; i < 15; i++)
        {
            await Api.SendSmsCodeAsync(partner.Token, mobile);
        }

        await (await Send(partner, mobile)).AssertErrorAsync("CBC.99004015", HttpStatusCode.BadRequest);
        await (await Send(partner, Scenario.UniqueMobile())).ReadJsonAsync(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        partner = await Api.SignInAgainAsync(partner);
        await (await Send(partner, mobile)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_sixty_first_code_within_a_day_is_refused_even_when_spread_over_hours()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        for (var hour = 0; hour < 4; hour++)
        {
            for (var i = 0; i < 15; i++)
            {
                await (await Send(partner, mobile)).ReadJsonAsync(HttpStatusCode.OK);
            }

            factory.Clock.Advance(TimeSpan.FromMinutes(61));
            partner = await Api.SignInAgainAsync(partner);
        }

        await (await Send(partner, mobile)).AssertErrorAsync("CBC.99004015");
        factory.Clock.Advance(TimeSpan.FromHours(20));
        partner = await Api.SignInAgainAsync(partner);
        await (await Send(partner, mobile)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_code_expires_after_its_lifetime()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);

        factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await (await CreateWithCode(partner, mobile, code)).AssertErrorAsync("CBC.99004008", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_timeout_over_sixty_minutes_counts_as_five()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var sent = await (await Send(partner, mobile, timeout: 61)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(5, sent.GetProperty("timeout").GetInt32());
        var code = factory.Notifications.LatestCode(mobile);

        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        await (await CreateWithCode(partner, mobile, code)).AssertErrorAsync("CBC.99004008");
    }

    [Fact]
    public async Task A_sixty_minute_code_still_works_after_fifty_nine_minutes()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile, timeout: 60);

        factory.Clock.Advance(TimeSpan.FromMinutes(59));

        await (await CreateWithCode(partner, mobile, code)).ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Three_wrong_codes_kill_the_code_even_for_the_right_one_afterwards()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 3; i++)
        {
            await (await CreateWithCode(partner, mobile, wrong)).AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
        }

        await (await CreateWithCode(partner, mobile, code)).AssertErrorAsync("CBC.99004009", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_code_works_once_and_a_new_code_replaces_the_old_one()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var first = await Api.SendSmsCodeAsync(partner.Token, mobile);
        var second = await Api.SendSmsCodeAsync(partner.Token, mobile);
        if (first != second)
        {
            await (await CreateWithCode(partner, mobile, first)).AssertErrorAsync("CBC.99004010");
        }

        await (await CreateWithCode(partner, mobile, second)).ReadJsonAsync(HttpStatusCode.Created);
        var other = await Api.RegisterPartnerAsync();
        await (await CreateWithCode(other, mobile, second)).AssertErrorAsync("CBC.99004010");
    }

    [Fact]
    public async Task An_email_code_goes_to_the_mailbox()
    {
        var partner = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();

        var response = await Api.PostAsync("/v2/bases/verificationcode/send", new { receiver_type = 2, email, lang = "en-us" }, partner.Token);

        await response.ReadJsonAsync(HttpStatusCode.OK);
        var notification = Assert.Single(factory.Notifications.To(email));
        Assert.Equal("email", notification.GetProperty("channel").GetString());
        Assert.Contains("Your verification code is", notification.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Send(PartnerSession partner, string mobile, int? timeout = null) =>
        Api.PostAsync("/v2/bases/verificationcode/send", new { receiver_type = 1, mobile_phone = mobile, timeout }, partner.Token);

    private Task<HttpResponseMessage> CreateWithCode(PartnerSession partner, string mobile, string code) =>
        Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = Guid.NewGuid().ToString("N"),
            xaccount_type = "test_idp",
            mobile_phone = mobile,
            verification_code = code,
        }, partner.Token);

}
