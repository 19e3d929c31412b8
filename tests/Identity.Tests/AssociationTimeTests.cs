using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

/// <summary>Protection, link lifetime and cooldown against a clock of their own.</summary>
public sealed class AssociationTimeTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    private Scenario Api => factory.Api;

    [Fact]
    public async Task Protection_lapses_after_fifteen_days_and_another_partner_may_register_the_customer()
    {
        var first = await Api.RegisterPartnerAsync();
        var second = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        var id = await Api.RegisterProspectAsync(first, email: email);

        factory.Clock.Advance(TimeSpan.FromDays(14));
        second = await Api.SignInAgainAsync(second);
        await (await Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "X", contact_name = "Y", email }, second.Token))
            .AssertErrorAsync("CBC.99000051");

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        second = await Api.SignInAgainAsync(second);
        first = await Api.SignInAgainAsync(first);
        await Api.RegisterProspectAsync(second, email: email);
        var lapsed = await (await Api.GetAsync($"/v2/partners/sub-customers/registrations/{id}", first.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("expired", lapsed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_online_link_expires_after_seven_days()
    {
        var partner = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        var id = await Api.RegisterProspectAsync(partner, email: email);
        await (await Api.PostAsync($"/v2/partners/sub-customers/registrations/{id}/invitations", null, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        var token = Scenario.TokenOf(factory.Notifications.LatestLink(email));
        var customer = await Api.RegisterCustomerAccountAsync(email);

        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        customer = await Api.SignInAgainAsync(customer);

        await (await Api.AcceptInvitationAsync(customer, token)).AssertErrorAsync("CBC.99000054", HttpStatusCode.BadRequest);
        partner = await Api.SignInAgainAsync(partner);
        await (await Api.PostAsync($"/v2/partners/sub-customers/registrations/{id}/invitations", null, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        await (await Api.AcceptInvitationAsync(customer, Scenario.TokenOf(factory.Notifications.LatestLink(email)))).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_a_disassociation_the_next_one_waits_three_months()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.AssociatedCustomerAsync(partner);
        await (await Api.PostAsync("/v2/partners/sub-customers/me/disassociation", null, customer.Token)).ReadJsonAsync(HttpStatusCode.NoContent);
        (await Api.AcceptInvitationAsync(customer, await Api.OfflineInvitationTokenAsync(partner))).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromDays(80));
        partner = await Api.SignInAgainAsync(partner);
        await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/disassociation", null, partner.Token)).AssertErrorAsync("CBC.99000058");

        factory.Clock.Advance(TimeSpan.FromDays(13));
        partner = await Api.SignInAgainAsync(partner);
        await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/disassociation", null, partner.Token)).ReadJsonAsync(HttpStatusCode.NoContent);
    }
}
