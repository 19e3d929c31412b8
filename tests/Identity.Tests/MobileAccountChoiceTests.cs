using System.Net;
using Identity.Api.Application;
using Identity.Tests.Support;

namespace Identity.Tests;

/// <summary>A mobile number that several accounts carry: the caller chooses the user name from a masked list, after proving the code.</summary>
public sealed class MobileAccountChoiceTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private const string NewPassword = "Chosen-passw0rd";

    private Scenario Api => factory.Api;

    [Fact]
    public async Task With_one_account_on_the_mobile_the_reset_needs_no_choice()
    {
        var mobile = Scenario.UniqueMobile();
        var only = await Api.RegisterPartnerWithMobileAsync(mobile);
        var code = await RequestCodeAsync(mobile);

        await (await ConfirmAsync(new { mobile_phone = mobile, verification_code = code, new_password = NewPassword })).ReadJsonAsync(HttpStatusCode.NoContent);

        await Api.LoginAsync(only.UserName, NewPassword);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task With_several_accounts_on_the_mobile_the_caller_chooses_a_masked_user_name_and_only_that_account_changes(int accounts)
    {
        var mobile = Scenario.UniqueMobile();
        var holders = new List<PartnerSession>();
        for (var i = 0; i < accounts; i++)
        {
            holders.Add(await Api.RegisterPartnerWithMobileAsync(mobile));
        }

        var code = await RequestCodeAsync(mobile);

        var choice = await (await ConfirmAsync(new { mobile_phone = mobile, verification_code = code, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99001010", HttpStatusCode.Conflict);
        var listed = choice.GetProperty("errors").GetProperty("user_name").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(accounts, listed.Count);
        Assert.Equal(holders.Select(h => AccountChoice.MaskUserName(h.UserName)).Order(StringComparer.Ordinal), listed);
        Assert.All(holders, h => Assert.DoesNotContain(h.UserName, choice.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(listed, name => Assert.Contains("*", name, StringComparison.Ordinal));

        var chosen = holders[^1];
        await (await ConfirmAsync(new { mobile_phone = mobile, user_name = chosen.UserName, verification_code = code, new_password = NewPassword }))
            .ReadJsonAsync(HttpStatusCode.NoContent);

        await Api.LoginAsync(chosen.UserName, NewPassword);
        foreach (var other in holders.Take(accounts - 1))
        {
            await Api.LoginAsync(other.UserName, Scenario.DefaultPassword);
        }
    }

    [Fact]
    public async Task The_list_is_shown_only_after_the_code_is_proven()
    {
        var mobile = Scenario.UniqueMobile();
        await Api.RegisterPartnerWithMobileAsync(mobile);
        await Api.RegisterPartnerWithMobileAsync(mobile);
        var code = await RequestCodeAsync(mobile);
        var wrong = code == "000000" ? "000001" : "000000";

        var refused = await (await ConfirmAsync(new { mobile_phone = mobile, verification_code = wrong, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99004010", HttpStatusCode.BadRequest);
        Assert.False(refused.TryGetProperty("errors", out _));

        await (await ConfirmAsync(new { mobile_phone = mobile, verification_code = code, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99001010", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_user_name_that_does_not_carry_the_mobile_is_not_a_choice()
    {
        var mobile = Scenario.UniqueMobile();
        var first = await Api.RegisterPartnerWithMobileAsync(mobile);
        await Api.RegisterPartnerWithMobileAsync(mobile);
        var outsider = await Api.RegisterPartnerAsync();
        var code = await RequestCodeAsync(mobile);

        var choice = await (await ConfirmAsync(new { mobile_phone = mobile, user_name = outsider.UserName, verification_code = code, new_password = NewPassword }))
            .AssertErrorAsync("CBC.99001010", HttpStatusCode.Conflict);
        Assert.Equal(2, choice.GetProperty("errors").GetProperty("user_name").GetArrayLength());
        await Api.LoginAsync(outsider.UserName, Scenario.DefaultPassword);

        await (await ConfirmAsync(new { mobile_phone = mobile, user_name = first.UserName.ToUpperInvariant(), verification_code = code, new_password = NewPassword }))
            .ReadJsonAsync(HttpStatusCode.NoContent);
        await Api.LoginAsync(first.UserName, NewPassword);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pre_registering_a_mobile_that_customer_accounts_carry_names_the_account_and_asks_to_choose_among_several(int accounts)
    {
        var mobile = Scenario.UniqueMobile();
        var customers = new List<string>();
        for (var i = 0; i < accounts; i++)
        {
            customers.Add(await CreateCustomerWithMobileAsync(mobile));
        }

        var partner = await Api.RegisterPartnerAsync();
        var registration = new { company_name = "Prospect " + Guid.NewGuid().ToString("N")[..10], contact_name = "Li Lei", mobile_phone = mobile };
        if (accounts > 1)
        {
            var choice = await (await Api.PostAsync("/v2/partners/sub-customers/registrations", registration, partner.Token))
                .AssertErrorAsync("CBC.99001010", HttpStatusCode.Conflict);
            Assert.Equal(
                customers.Select(AccountChoice.MaskUserName).Order(StringComparer.Ordinal),
                choice.GetProperty("errors").GetProperty("user_name").EnumerateArray().Select(n => n.GetString()!));
            Assert.All(customers, name => Assert.DoesNotContain(name, choice.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        var chosen = customers[^1];
        var created = await (await Api.PostAsync(
                "/v2/partners/sub-customers/registrations",
                new { registration.company_name, registration.contact_name, registration.mobile_phone, user_name = accounts > 1 ? chosen : null },
                partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(chosen, created.GetProperty("account_name").GetString());
        var read = await (await Api.GetAsync($"/v2/partners/sub-customers/registrations/{created.GetProperty("registration_id").GetGuid()}", partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(chosen, read.GetProperty("account_name").GetString());
    }

    [Fact]
    public async Task Pre_registering_a_mobile_no_account_carries_names_no_account_and_refuses_a_user_name()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();

        var refused = await (await Api.PostAsync(
                "/v2/partners/sub-customers/registrations",
                new { company_name = "Prospect " + Guid.NewGuid().ToString("N")[..10], contact_name = "Li Lei", mobile_phone = mobile, user_name = "someone-else" },
                partner.Token))
            .AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("user_name", out _));

        var created = await (await Api.PostAsync(
                "/v2/partners/sub-customers/registrations",
                new { company_name = "Prospect " + Guid.NewGuid().ToString("N")[..10], contact_name = "Li Lei", mobile_phone = mobile },
                partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("account_name").ValueKind);
    }

    [Theory]
    [InlineData("abcde", "a***e")]
    [InlineData("abcdef", "a****f")]
    [InlineData("p-0123456789abcdef", "p-**************ef")]
    public void A_user_name_is_masked_but_for_its_ends(string userName, string masked) =>
        Assert.Equal(masked, AccountChoice.MaskUserName(userName));

    private async Task<string> RequestCodeAsync(string mobile)
    {
        await (await Api.PostAsync("/v2/auth/password-resets", new { mobile_phone = mobile })).ReadJsonAsync(HttpStatusCode.Accepted);
        return factory.Notifications.LatestCode(mobile);
    }

    /// <summary>A customer with a login on the mobile number, created by a partner of its own (one partner may not put two on one mobile).</summary>
    private async Task<string> CreateCustomerWithMobileAsync(string mobile)
    {
        var creator = await Api.RegisterPartnerAsync();
        var name = Scenario.UniqueName("c");
        await (await Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = "x-" + name,
            xaccount_type = "test_idp",
            domain_name = name,
            mobile_phone = mobile,
            verification_code = await Api.SendSmsCodeAsync(creator.Token, mobile),
            password = Scenario.DefaultPassword,
        }, creator.Token)).ReadJsonAsync(HttpStatusCode.Created);
        return name;
    }

    private Task<HttpResponseMessage> ConfirmAsync(object body) => Api.PostAsync("/v2/auth/password-resets/confirm", body);
}
