using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

public sealed class AuthTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private Scenario Api => factory.Api;

    [Fact]
    public async Task A_registered_partner_signs_in_and_its_token_carries_the_partner_claims()
    {
        var partner = await Api.RegisterPartnerAsync(region: "cn");

        var login = await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", login.GetProperty("token_type").GetString());
        Assert.Equal(3600, login.GetProperty("expires_in").GetInt64());
        Assert.False(string.IsNullOrEmpty(login.GetProperty("refresh_token").GetString()));

        var me = await (await Api.GetAsync("/v2/auth/me", login.GetProperty("access_token").GetString())).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(partner.PartnerId.ToString(), me.GetProperty("partner_id").GetString());
        Assert.Equal("cn", me.GetProperty("region").GetString());
        Assert.Contains("customers.create", me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task The_seeded_vendor_administrator_signs_in_with_the_admin_role()
    {
        var token = await Api.LoginVendorAdminAsync();

        var me = await (await Api.GetAsync("/v2/auth/me", token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("admin", me.GetProperty("vendor_role").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("partner_id").ValueKind);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_answer_the_same_error()
    {
        var partner = await Api.RegisterPartnerAsync();

        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = "Wrong-pass1" }))
            .AssertErrorAsync("CBC.99001001", HttpStatusCode.Unauthorized);
        await (await Api.PostAsync("/v2/auth/login", new { username = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "Wrong-pass1" }))
            .AssertErrorAsync("CBC.99001001", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var partner = await Api.RegisterPartnerAsync();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = "Wrong-pass1" })).AssertErrorAsync("CBC.99001001");
        }

        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = "Wrong-pass1" }))
            .AssertErrorAsync("CBC.99001002", HttpStatusCode.Forbidden);
        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .AssertErrorAsync("CBC.99001002", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_refresh_token_buys_new_tokens_and_garbage_does_not()
    {
        var partner = await Api.RegisterPartnerAsync();
        var login = await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .ReadJsonAsync(HttpStatusCode.OK);

        var refreshed = await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }))
            .ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.GetAsync("/v2/auth/me", refreshed.GetProperty("access_token").GetString())).ReadJsonAsync(HttpStatusCode.OK);

        await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = "not-a-token" })).AssertErrorAsync("CBC.99001003", HttpStatusCode.Unauthorized);
        await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = login.GetProperty("access_token").GetString() }))
            .AssertErrorAsync("CBC.99001003", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_retires_the_old_one_and_the_refresh_tokens()
    {
        var partner = await Api.RegisterPartnerAsync();
        var login = await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var token = login.GetProperty("access_token").GetString();

        await (await Api.PostAsync("/v2/auth/password", new { current_password = "Wrong-pass1", new_password = "New-passw0rd" }, token))
            .AssertErrorAsync("CBC.99001004", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password", new { current_password = Scenario.DefaultPassword, new_password = "short" }, token))
            .AssertErrorAsync("CBC.99000036", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/auth/password", new { current_password = Scenario.DefaultPassword, new_password = "New-passw0rd" }, token))
            .ReadJsonAsync(HttpStatusCode.NoContent);

        await (await Api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword })).AssertErrorAsync("CBC.99001001");
        await Api.LoginAsync(partner.UserName, "New-passw0rd");
        await (await Api.PostAsync("/v2/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }))
            .AssertErrorAsync("CBC.99001003");
    }

    [Fact]
    public async Task Requests_without_a_valid_token_answer_401()
    {
        await (await Api.GetAsync("/v2/auth/me")).AssertErrorAsync("CBC.0154", HttpStatusCode.Unauthorized);
        await (await Api.GetAsync("/v2/auth/me", "garbage")).AssertErrorAsync("CBC.0154", HttpStatusCode.Unauthorized);
    }
}

/// <summary>Token lifetime against a clock of its own, so moving time does not disturb other tests.</summary>
public sealed class TokenExpiryTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task An_access_token_stops_working_after_an_hour_and_a_refresh_token_after_fourteen_days()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var login = await (await api.PostAsync("/v2/auth/login", new { username = partner.UserName, password = Scenario.DefaultPassword }))
            .ReadJsonAsync(HttpStatusCode.OK);
        var refreshToken = login.GetProperty("refresh_token").GetString();

        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await (await api.GetAsync("/v2/auth/me", login.GetProperty("access_token").GetString())).AssertErrorAsync("CBC.0154", HttpStatusCode.Unauthorized);
        await (await api.PostAsync("/v2/auth/refresh", new { refresh_token = refreshToken })).ReadJsonAsync(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromDays(14));
        await (await api.PostAsync("/v2/auth/refresh", new { refresh_token = refreshToken })).AssertErrorAsync("CBC.99001003");
    }
}
