using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class MemberTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_member_may_do_what_its_roles_allow_after_its_next_sign_in()
    {
        var partner = await Api.RegisterPartnerAsync();
        var member = await Api.CreateMemberAsync(partner);
        var body = new { xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", email = Scenario.UniqueEmail() };
        await (await Api.PostAsync("/v2/partners/sub-customers", body, member.Token)).AssertErrorAsync("CBC.0155", HttpStatusCode.Forbidden);

        var role = await (await Api.PostAsync("/v2/partners/members/roles", new { name = "sales", permissions = new[] { "customers.create" } }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        await (await Api.PutAsync($"/v2/partners/members/{member.MemberId}/roles", new { role_ids = new[] { role.GetProperty("role_id").GetGuid() } }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        var token = await Api.LoginAsync(member.UserName, Scenario.DefaultPassword);

        await (await Api.PostAsync("/v2/partners/sub-customers", body, token)).ReadJsonAsync(HttpStatusCode.Created);
        var me = await (await Api.GetAsync("/v2/auth/me", token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["customers.create"], me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray());
        Assert.Equal(partner.PartnerId.ToString(), me.GetProperty("partner_id").GetString());
        await (await Api.PostAsync("/v2/partners/members/roles", new { name = "x", permissions = Array.Empty<string>() }, token)).AssertErrorAsync("CBC.0155");
    }

    [Fact]
    public async Task Roles_are_made_of_known_permission_items_with_names_unique_per_partner()
    {
        var partner = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/partners/members/roles", new { name = "bad", permissions = new[] { "launch.rockets" } }, partner.Token))
            .AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await Api.PostAsync("/v2/partners/members/roles", new { name = "ops", permissions = new[] { "coupons.issue" } }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Api.PostAsync("/v2/partners/members/roles", new { name = "ops", permissions = new[] { "coupons.recall" } }, partner.Token)).AssertErrorAsync("CBC.0150");
        var items = await (await Api.GetAsync("/v2/partners/members/permission-items", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains("coupons.issue", items.GetProperty("permission_items").EnumerateArray().Select(i => i.GetProperty("permission_item").GetString()));
    }

    [Fact]
    public async Task A_member_changes_its_own_password()
    {
        var partner = await Api.RegisterPartnerAsync();
        var member = await Api.CreateMemberAsync(partner);
        await (await Api.PostAsync("/v2/auth/password", new { current_password = Scenario.DefaultPassword, new_password = "Member-Pass9" }, member.Token))
            .ReadJsonAsync(HttpStatusCode.NoContent);
        await Api.LoginAsync(member.UserName, "Member-Pass9");
    }

    [Fact]
    public async Task An_invitation_goes_to_the_address_once_while_valid_and_binds_a_personal_account()
    {
        var partner = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        var created = await (await Api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal(email[0] + "***@example.com", created.GetProperty("address").GetString());
        await (await Api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email.ToUpperInvariant() }, partner.Token))
            .AssertErrorAsync("CBC.99000061", HttpStatusCode.Conflict);
        Assert.Equal(1, await shared.CountOutboxAsync("MemberInvited", created.GetProperty("invitation_id").GetGuid()));

        var token = Scenario.TokenOf(shared.Factory.Notifications.LatestLink(email));
        await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token }, partner.Token)).AssertErrorAsync("CBC.0150");
        var person = await Api.RegisterCustomerAccountAsync();
        var accepted = await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token }, person.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token }, person.Token)).AssertErrorAsync("CBC.99000055");
        await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token = "forged" }, person.Token)).AssertErrorAsync("CBC.99000053");
    }

    [Fact]
    public async Task An_administrator_sends_at_most_one_hundred_invitations_a_day()
    {
        var partner = await Api.RegisterPartnerAsync();
        for (var i = 0; i < 100; i++)
        {
            await (await Api.PostAsync("/v2/partners/members/invitations", new { channel = "mobile", address = Scenario.UniqueMobile() }, partner.Token))
                .ReadJsonAsync(HttpStatusCode.Created);
        }

        await (await Api.PostAsync("/v2/partners/members/invitations", new { channel = "mobile", address = Scenario.UniqueMobile() }, partner.Token))
            .AssertErrorAsync("CBC.99000060", HttpStatusCode.BadRequest);
        var list = await (await Api.GetAsync("/v2/partners/members/invitations?limit=1", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(100, list.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Only_the_customers_account_manager_closes_its_warnings()
    {
        var partner = await Api.RegisterPartnerAsync();
        var manager = await Api.CreateMemberAsync(partner);
        var colleague = await Api.CreateMemberAsync(partner);
        var customer = await Api.AssociatedCustomerAsync(partner);
        await (await Api.PutAsync($"/v2/partners/sub-customers/{customer.CustomerId}/account-manager", new { member_id = manager.MemberId }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        var vendor = await Api.LoginVendorAdminAsync();
        await (await Api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { arrears_amount = 50m }, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync("/v2/vendor/partners/customer-warnings/refresh", null, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        var warnings = await (await Api.GetAsync("/v2/partners/sub-customers/warnings", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var warningId = warnings.GetProperty("warnings")[0].GetProperty("warning_id").GetGuid();

        await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "mine?" }, colleague.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "mine?" }, partner.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        var capabilities = await (await Api.GetAsync($"/v2/partners/sub-customers/{customer.CustomerId}/capabilities", manager.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.True(capabilities.GetProperty("can_handle_warnings").GetBoolean());
        await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "Payment promised" }, manager.Token)).ReadJsonAsync(HttpStatusCode.OK);
    }
}

/// <summary>Invitation lifetime against a clock of its own.</summary>
public sealed class MemberInvitationTimeTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task After_seven_days_the_link_is_expired_and_the_address_may_be_invited_again()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        await (await api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        var token = Scenario.TokenOf(factory.Notifications.LatestLink(email));

        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        partner = await api.SignInAgainAsync(partner);
        var person = await api.RegisterCustomerAccountAsync();

        await (await api.PostAsync("/v2/partners/members/invitations/accept", new { token }, person.Token)).AssertErrorAsync("CBC.99000054");
        var list = await (await api.GetAsync("/v2/partners/members/invitations", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("expired", list.GetProperty("invitations")[0].GetProperty("status").GetString());
        await (await api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
    }
}
