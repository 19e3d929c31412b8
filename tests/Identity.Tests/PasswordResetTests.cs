using System.Diagnostics;
using System.Net;
using Identity.Api.Data;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests;

/// <summary>Forgot password: the code, the reset and what it revokes, and nothing that tells whether an account exists.</summary>
public sealed class PasswordResetTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private const string NewPassword = "Reset-passw0rd";

    private Scenario Api => factory.Api;

    [Fact]
    public async Task A_partner_resets_its_password_with_the_code_sent_to_its_email_and_its_old_refresh_token_dies()
    {
        var partner = await Api.RegisterPartnerAsync();
        var login = await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var accountId = await AccountIdAsync(login.GetProperty("access_token").GetString()!);

        var requested = await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName }))
            .ReadJsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(10, requested.GetProperty("timeout").GetInt32());
        var code = factory.Notifications.LatestCode(EmailOf(partner));

        await (await Api.PostAsync("/v2/auth/password-resets/confirm", new { user_name = partner.UserName, verification_code = code, new_password = NewPassword }))
            .ReadJsonAsync(HttpStatusCode.NoContent);

        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .AssertErrorAsync("CBC.99001001", HttpStatusCode.Unauthorized);
        await Api.LoginAsync(partner.UserName, NewPassword);
        await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }))
            .AssertErrorAsync("CBC.99001003", HttpStatusCode.Unauthorized);

        var audit = await AuditRowsAsync(accountId);
        var row = Assert.Single(audit);
        Assert.Equal("user_name", row.IdentifiedBy);
        Assert.Equal("email", row.Channel);
        Assert.Equal(2, row.RevokedRefreshTokens); // the sign-in at registration and the one above
        Assert.Equal(1, await factory.CountOutboxAsync("AccountPasswordReset", accountId));
    }

    [Fact]
    public async Task A_reset_by_email_unlocks_a_locked_account()
    {
        var partner = await Api.RegisterPartnerAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = "Wrong-pass1" });
        }

        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .AssertErrorAsync("CBC.99001002", HttpStatusCode.Forbidden);

        await (await Api.PostAsync("/v2/auth/password-resets", new { email = EmailOf(partner).ToUpperInvariant() })).ReadJsonAsync(HttpStatusCode.Accepted);
        var code = factory.Notifications.LatestCode(EmailOf(partner));
        await (await Api.PostAsync("/v2/auth/password-resets/confirm", new { email = EmailOf(partner), verification_code = code, new_password = NewPassword }))
            .ReadJsonAsync(HttpStatusCode.NoContent);

        await Api.LoginAsync(partner.UserName, NewPassword);
    }

    [Theory]
    [InlineData("user_name")]
    [InlineData("email")]
    [InlineData("mobile_phone")]
    public async Task The_request_answers_alike_whether_the_account_exists_or_not(string field)
    {
        var mobile = Scenario.UniqueMobile();
        var known = await Api.RegisterPartnerWithMobileAsync(mobile);
        var knownValue = field switch { "user_name" => known.UserName, "email" => EmailOf(known), _ => mobile };
        var unknownValue = field switch { "user_name" => Scenario.UniqueName("nobody"), "email" => Scenario.UniqueEmail(), _ => Scenario.UniqueMobile() };

        var knownAnswers = new List<(HttpStatusCode, string, TimeSpan)>();
        var unknownAnswers = new List<(HttpStatusCode, string, TimeSpan)>();
        for (var round = 0; round < 5; round++)
        {
            knownAnswers.Add(await RequestAsync(field, knownValue));
            unknownAnswers.Add(await RequestAsync(field, unknownValue));
        }

        Assert.All(knownAnswers.Concat(unknownAnswers), answer =>
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.Item1);
            Assert.Equal("""{"timeout":10}""", answer.Item2);
        });
        var knownMedian = knownAnswers.Select(a => a.Item3).Order().ElementAt(2);
        var unknownMedian = unknownAnswers.Select(a => a.Item3).Order().ElementAt(2);
        Assert.True((knownMedian - unknownMedian).Duration() < TimeSpan.FromMilliseconds(250), $"known {knownMedian}, unknown {unknownMedian}");

        Assert.Equal(5, factory.Notifications.To(field == "mobile_phone" ? mobile : EmailOf(known)).Count);
        if (field != "user_name")
        {
            Assert.Empty(factory.Notifications.To(unknownValue));
        }
    }

    [Fact]
    public async Task At_the_confirm_step_an_unknown_account_fails_like_a_known_one_until_its_code_is_dead()
    {
        var known = await Api.RegisterPartnerAsync();
        var unknown = Scenario.UniqueName("nobody");
        foreach (var name in new[] { known.UserName, unknown })
        {
            await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = name })).ReadJsonAsync(HttpStatusCode.Accepted);
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                await (await ConfirmAsync(new { user_name = name, verification_code = "000000", new_password = NewPassword }))
                    .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
            }

            await (await ConfirmAsync(new { user_name = name, verification_code = "000000", new_password = NewPassword }))
                .AssertErrorAsync("CBC.99004009", HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Requests_for_one_name_are_limited_alike_whether_the_account_exists_or_not()
    {
        var known = await Api.RegisterPartnerAsync();
        foreach (var name in new[] { known.UserName, Scenario.UniqueName("nobody") })
        {
            for (var request = 1; request <= 15; request++)
            {
                await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = name })).ReadJsonAsync(HttpStatusCode.Accepted);
            }

            await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = name })).AssertErrorAsync("CBC.99004015", HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_code_for_one_account_never_resets_another()
    {
        var owner = await Api.RegisterPartnerAsync();
        var victim = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = owner.UserName })).ReadJsonAsync(HttpStatusCode.Accepted);
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = victim.UserName })).ReadJsonAsync(HttpStatusCode.Accepted);
        var ownersCode = factory.Notifications.LatestCode(EmailOf(owner));
        var victimsCode = factory.Notifications.LatestCode(EmailOf(victim));
        Assert.NotEqual(ownersCode, victimsCode);

        await (await ConfirmAsync(new { user_name = victim.UserName, verification_code = ownersCode, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
        await (await ConfirmAsync(new { email = EmailOf(victim), verification_code = ownersCode, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);

        await Api.LoginAsync(victim.UserName, Scenario.DefaultPassword);
        await (await ConfirmAsync(new { user_name = owner.UserName, verification_code = ownersCode, new_password = NewPassword }))
            .ReadJsonAsync(HttpStatusCode.NoContent);
        await Api.LoginAsync(victim.UserName, Scenario.DefaultPassword);
    }

    [Fact]
    public async Task A_used_code_cannot_reset_again()
    {
        var partner = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName })).ReadJsonAsync(HttpStatusCode.Accepted);
        var code = factory.Notifications.LatestCode(EmailOf(partner));

        await (await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = NewPassword })).ReadJsonAsync(HttpStatusCode.NoContent);
        await (await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = "Another-passw0rd" }))
            .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);

        await Api.LoginAsync(partner.UserName, NewPassword);
    }

    [Fact]
    public async Task Eight_concurrent_confirms_with_one_code_reset_the_password_exactly_once()
    {
        var partner = await Api.RegisterPartnerAsync();
        var accountId = await AccountIdAsync(partner.Token);
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName })).ReadJsonAsync(HttpStatusCode.Accepted);
        var code = factory.Notifications.LatestCode(EmailOf(partner));
        var passwords = Enumerable.Range(1, 8).Select(i => $"Racing-passw0rd{i}").ToArray();

        using var start = new SemaphoreSlim(0);
        var confirms = passwords.Select(async password =>
        {
            await start.WaitAsync();
            return await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = password });
        }).ToList();
        start.Release(passwords.Length);
        var answers = await Task.WhenAll(confirms);

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.NoContent))
        {
            await refused.AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
        }

        Assert.Single(await AuditRowsAsync(accountId));
        Assert.Equal(1, await factory.CountOutboxAsync("AccountPasswordReset", accountId));
        var winner = passwords[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.NoContent)];
        await Api.LoginAsync(partner.UserName, winner);
    }

    [Fact]
    public async Task A_registration_code_to_the_same_mobile_does_not_reset_a_password()
    {
        var mobile = Scenario.UniqueMobile();
        var holder = await Api.RegisterPartnerWithMobileAsync(mobile);
        var other = await Api.RegisterPartnerAsync();
        var registrationCode = await Api.SendSmsCodeAsync(other.Token, mobile);

        await (await ConfirmAsync(new { mobile_phone = mobile, verification_code = registrationCode, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
        await Api.LoginAsync(holder.UserName, Scenario.DefaultPassword);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_and_the_code_still_works_with_a_good_one()
    {
        var partner = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName })).ReadJsonAsync(HttpStatusCode.Accepted);
        var code = factory.Notifications.LatestCode(EmailOf(partner));

        var weak = await (await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = "alllowercase" }))
            .AssertErrorAsync("CBC.99000036", HttpStatusCode.BadRequest);
        Assert.True(weak.GetProperty("errors").TryGetProperty("new_password", out _));
        await (await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = partner.UserName }))
            .AssertErrorAsync("CBC.99000036", HttpStatusCode.BadRequest);

        await (await ConfirmAsync(new { user_name = partner.UserName, verification_code = code, new_password = NewPassword })).ReadJsonAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Malformed_requests_name_the_field_and_send_nothing()
    {
        await (await Api.PostAsync("/v2/auth/password-resets", new { lang = "zh-cn" })).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password-resets", new { mobile_phone = "13800138000" })).AssertErrorAsync("CBC.5017", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password-resets", new { email = "not-an-email" })).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password-resets", new { email = Scenario.UniqueEmail(), mobile_phone = Scenario.UniqueMobile() }))
            .AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password-resets", new { user_name = "someone", lang = "fr-fr" })).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        var missing = await (await ConfirmAsync(new { user_name = "someone" })).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("verification_code", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("new_password", out _));
    }

    private Task<HttpResponseMessage> ConfirmAsync(object body) => Api.PostAsync("/v2/auth/password-resets/confirm", body);

    private async Task<(HttpStatusCode, string, TimeSpan)> RequestAsync(string field, string value)
    {
        var body = new Dictionary<string, string> { [field] = value };
        var watch = Stopwatch.StartNew();
        using var response = await Api.PostAsync("/v2/auth/password-resets", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text, watch.Elapsed);
    }

    private static string EmailOf(PartnerSession partner) => partner.UserName + "@example.com";

    private async Task<Guid> AccountIdAsync(string token) =>
        Guid.Parse((await (await Api.GetAsync("/v2/auth/me", token)).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("user_id").GetString()!);

    private async Task<List<Identity.Api.Domain.PasswordReset>> AuditRowsAsync(Guid accountId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.PasswordResets.AsNoTracking().Where(r => r.AccountId == accountId).ToListAsync();
    }
}

/// <summary>Arrangements the password-reset suites share.</summary>
public static class PasswordResetScenario
{
    /// <summary>Registers a partner whose main account carries the mobile number (several may share one) and signs it in.</summary>
    public static async Task<PartnerSession> RegisterPartnerWithMobileAsync(this Scenario api, string mobile, string prefix = "p")
    {
        var userName = Scenario.UniqueName(prefix);
        var body = await (await api.PostAsync("/v2/partners/profile/register", new
        {
            user_name = userName, password = Scenario.DefaultPassword, company_name = "Company " + userName, email = userName + "@example.com", mobile_phone = mobile,
        })).ReadJsonAsync(HttpStatusCode.Created);
        return new PartnerSession(body.GetProperty("partner_id").GetGuid(), userName, await api.LoginAsync(userName, Scenario.DefaultPassword));
    }
}
