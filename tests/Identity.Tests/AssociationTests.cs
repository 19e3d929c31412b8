using System.Net;
using Identity.Api.Data;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class AssociationTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_pre_registered_customer_is_protected_against_other_partners_without_naming_the_holder()
    {
        var first = await Api.RegisterPartnerAsync();
        var second = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var id = await Api.RegisterProspectAsync(first, mobile: mobile);

        var view = await (await Api.GetAsync($"/v2/partners/sub-customers/registrations/{id}", first.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("registered", view.GetProperty("status").GetString());
        Assert.Equal(mobile[..8] + "****" + mobile[^4..], view.GetProperty("mobile_phone").GetString());

        var conflict = await Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "Other name", contact_name = "Han Meimei", mobile_phone = mobile }, second.Token);
        var problem = await conflict.AssertErrorAsync("CBC.99000051", HttpStatusCode.Conflict);
        Assert.DoesNotContain(first.PartnerId.ToString(), problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(first.UserName, problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Two_partners_pre_registering_the_same_customer_at_the_same_time_one_wins()
    {
        var partners = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Api.RegisterPartnerAsync()));
        var email = Scenario.UniqueEmail();

        var responses = await Task.WhenAll(partners.Select(p => Api.PostAsync(
            "/v2/partners/sub-customers/registrations", new { company_name = "Race Co " + email, contact_name = "Wang", email }, p.Token)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await lost.AssertErrorAsync("CBC.99000051", HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task A_partner_holds_at_most_one_hundred_pending_pre_registrations()
    {
        var partner = await Api.RegisterPartnerAsync();
        for (var i = 0; i < 100; i++)
        {
            await Api.RegisterProspectAsync(partner);
        }

        await (await Api.PostAsync("/v2/partners/sub-customers/registrations", new { company_name = "One too many", contact_name = "Zhao", mobile_phone = Scenario.UniqueMobile() }, partner.Token))
            .AssertErrorAsync("CBC.99000052", HttpStatusCode.BadRequest);
        var list = await (await Api.GetAsync("/v2/partners/sub-customers/registrations?limit=5", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(100, list.GetProperty("total_count").GetInt32());
        Assert.Equal(5, list.GetProperty("registrations").GetArrayLength());
    }

    [Fact]
    public async Task An_online_invitation_needs_an_email_and_associates_the_customer_who_accepts_it_once()
    {
        var partner = await Api.RegisterPartnerAsync();
        var id = await Api.RegisterProspectAsync(partner);
        await (await Api.PostAsync($"/v2/partners/sub-customers/registrations/{id}/invitations", null, partner.Token))
            .AssertErrorAsync("CBC.99000057", HttpStatusCode.BadRequest);

        var email = Scenario.UniqueEmail();
        var etag = (await Api.GetAsync($"/v2/partners/sub-customers/registrations/{id}", partner.Token)).Headers.ETag!.Tag;
        await (await Api.PutAsync($"/v2/partners/sub-customers/registrations/{id}/email", new { email }, partner.Token))
            .AssertErrorAsync("CBC.0157", HttpStatusCode.PreconditionFailed);
        await (await Api.PutAsync($"/v2/partners/sub-customers/registrations/{id}/email", new { email }, partner.Token, new Dictionary<string, string> { ["If-Match"] = etag }))
            .ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PutAsync($"/v2/partners/sub-customers/registrations/{id}/email", new { email = Scenario.UniqueEmail() }, partner.Token, new Dictionary<string, string> { ["If-Match"] = etag }))
            .AssertErrorAsync("CBC.0157", HttpStatusCode.PreconditionFailed);

        var invitation = await (await Api.PostAsync($"/v2/partners/sub-customers/registrations/{id}/invitations", null, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("online", invitation.GetProperty("kind").GetString());
        var token = Scenario.TokenOf(shared.Factory.Notifications.LatestLink(email));

        var customer = await Api.RegisterCustomerAccountAsync(email);
        var accepted = await (await Api.AcceptInvitationAsync(customer, token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(partner.PartnerId, accepted.GetProperty("partner_id").GetGuid());
        Assert.Equal("referral", accepted.GetProperty("association_type").GetString());

        var prospect = await (await Api.GetAsync($"/v2/partners/sub-customers/registrations/{id}", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("associated", prospect.GetProperty("status").GetString());
        Assert.Equal(customer.CustomerId, prospect.GetProperty("customer_id").GetGuid());

        var another = await Api.RegisterCustomerAccountAsync();
        await (await Api.AcceptInvitationAsync(another, token)).AssertErrorAsync("CBC.99000055", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Acceptance_fails_for_a_bad_link_an_associated_customer_and_a_customer_another_partner_registered()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.RegisterCustomerAccountAsync(Scenario.UniqueEmail());

        await (await Api.AcceptInvitationAsync(customer, "not-a-token")).AssertErrorAsync("CBC.99000053", HttpStatusCode.BadRequest);

        var other = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        await Api.RegisterProspectAsync(other, email: email);
        var claimed = await Api.RegisterCustomerAccountAsync(email);
        await (await Api.AcceptInvitationAsync(claimed, await Api.OfflineInvitationTokenAsync(partner))).AssertErrorAsync("CBC.99000051", HttpStatusCode.Conflict);

        (await Api.AcceptInvitationAsync(customer, await Api.OfflineInvitationTokenAsync(partner))).EnsureSuccessStatusCode();
        await (await Api.AcceptInvitationAsync(customer, await Api.OfflineInvitationTokenAsync(other))).AssertErrorAsync("CBC.99000056", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_offline_invitation_is_a_reusable_link_and_qr_code_tagged_with_the_inviting_member()
    {
        var partner = await Api.RegisterPartnerAsync();
        var created = await (await Api.PostAsync("/v2/partners/sub-customers/offline-invitations", new { association_type = "reseller" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKindNull, created.GetProperty("expires_at").ValueKind);
        var token = Scenario.TokenOf(created.GetProperty("link").GetString()!);

        var png = await Api.GetAsync($"/v2/partners/sub-customers/offline-invitations/{created.GetProperty("invitation_id").GetGuid()}/qrcode", partner.Token);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);

        foreach (var customer in new[] { await Api.RegisterCustomerAccountAsync(), await Api.RegisterCustomerAccountAsync() })
        {
            var association = await (await Api.AcceptInvitationAsync(customer, token)).ReadJsonAsync(HttpStatusCode.OK);
            Assert.Equal("reseller", association.GetProperty("association_type").GetString());
            Assert.Equal(created.GetProperty("invited_by").GetGuid(), association.GetProperty("invited_by").GetGuid());
        }
    }

    [Fact]
    public async Task Two_partners_associating_the_same_customer_at_the_same_time_one_wins_and_one_event_is_published()
    {
        var partners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.RegisterPartnerAsync()));
        var tokens = await Task.WhenAll(partners.Select(p => Api.OfflineInvitationTokenAsync(p)));
        var customer = await Api.RegisterCustomerAccountAsync();

        var responses = await Task.WhenAll(tokens.Select(t => Api.AcceptInvitationAsync(customer, t)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var lost in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await lost.AssertErrorAsync("CBC.99000056", HttpStatusCode.Conflict);
        }

        await using var scope = shared.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        Assert.Equal(1, await db.Associations.CountAsync(a => a.CustomerId == customer.CustomerId));
        var events = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE '%CustomerAssociated%' AND payload::text LIKE {"%" + customer.CustomerId + "%"}")
            .SingleAsync();
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task A_customer_grants_or_refuses_authorisation_requests_and_a_grant_is_published()
    {
        var partner = await Api.RegisterPartnerAsync();
        var referral = await Api.AssociatedCustomerAsync(partner, "referral");
        await (await Api.PostAsync($"/v2/partners/sub-customers/{referral.CustomerId}/authorisations", new { purpose = "order_on_behalf" }, partner.Token))
            .AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);

        var customer = await Api.AssociatedCustomerAsync(partner);
        var share = await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/authorisations", new { purpose = "share_with_vendor" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/authorisations", new { purpose = "share_with_vendor" }, partner.Token))
            .AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        var order = await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/authorisations", new { purpose = "order_on_behalf" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);

        var mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/authorisations", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, mine.GetProperty("total_count").GetInt32());
        var shareId = share.GetProperty("authorisation_id").GetGuid();
        var granted = await (await Api.PostAsync($"/v2/partners/sub-customers/me/authorisations/{shareId}/approve", null, customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("granted", granted.GetProperty("status").GetString());
        await (await Api.PostAsync($"/v2/partners/sub-customers/me/authorisations/{shareId}/refuse", null, customer.Token)).AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        var refused = await (await Api.PostAsync($"/v2/partners/sub-customers/me/authorisations/{order.GetProperty("authorisation_id").GetGuid()}/refuse", null, customer.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("refused", refused.GetProperty("status").GetString());

        // Another customer cannot decide it.
        await (await Api.PostAsync($"/v2/partners/sub-customers/me/authorisations/{shareId}/approve", null, referral.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        Assert.Equal(1, await CountOutboxAsync("CustomerAuthorisationGranted", shareId));
    }

    [Fact]
    public async Task Blockers_stop_a_disassociation_and_the_capabilities_say_why()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.AssociatedCustomerAsync(partner);
        var vendor = await Api.LoginVendorAdminAsync();
        await (await Api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { arrears_amount = 12.5m, manual_freeze = true }, vendor))
            .ReadJsonAsync(HttpStatusCode.OK);

        var blocked = await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/disassociation", null, partner.Token))
            .AssertErrorAsync("CBC.99000059", HttpStatusCode.Conflict);
        Assert.Contains("arrears", blocked.GetProperty("errors").GetProperty("blockers").ToString(), StringComparison.Ordinal);
        var capabilities = await (await Api.GetAsync($"/v2/partners/sub-customers/{customer.CustomerId}/capabilities", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(capabilities.GetProperty("can_disassociate").GetBoolean());
        Assert.Equal(["arrears", "manual_freeze"], capabilities.GetProperty("disassociation_blockers").EnumerateArray().Select(b => b.GetString()!).ToArray());

        await (await Api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { }, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync($"/v2/partners/sub-customers/{customer.CustomerId}/disassociation", null, partner.Token)).ReadJsonAsync(HttpStatusCode.NoContent);
        await (await Api.GetAsync($"/v2/partners/sub-customers/{customer.CustomerId}", partner.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        Assert.Equal(1, await CountOutboxAsync("CustomerDisassociated", customer.CustomerId));

        // Re-associated, the customer cannot leave again within three months.
        (await Api.AcceptInvitationAsync(customer, await Api.OfflineInvitationTokenAsync(partner))).EnsureSuccessStatusCode();
        await (await Api.PostAsync("/v2/partners/sub-customers/me/disassociation", null, customer.Token)).AssertErrorAsync("CBC.99000058", HttpStatusCode.Conflict);
        capabilities = await (await Api.GetAsync($"/v2/partners/sub-customers/{customer.CustomerId}/capabilities", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.False(capabilities.GetProperty("can_disassociate").GetBoolean());
        Assert.True(capabilities.GetProperty("cooldown_ends_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(80));
    }

    [Fact]
    public async Task The_partner_assigns_its_own_account_as_account_manager_and_the_owner_closes_warnings()
    {
        var partner = await Api.RegisterPartnerAsync();
        var other = await Api.RegisterPartnerAsync();
        var customer = await Api.AssociatedCustomerAsync(partner);
        var me = await (await Api.GetAsync("/v2/auth/me", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var otherMe = await (await Api.GetAsync("/v2/auth/me", other.Token)).ReadJsonAsync(HttpStatusCode.OK);

        await (await Api.PutAsync($"/v2/partners/sub-customers/{customer.CustomerId}/account-manager", new { member_id = otherMe.GetProperty("user_id").GetString() }, partner.Token))
            .AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        var assigned = await (await Api.PutAsync($"/v2/partners/sub-customers/{customer.CustomerId}/account-manager", new { member_id = me.GetProperty("user_id").GetString() }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(me.GetProperty("user_id").GetString(), assigned.GetProperty("account_manager_id").GetString());
        Assert.Equal(1, await CountOutboxAsync("AccountManagerAssigned", customer.CustomerId));

        var vendor = await Api.LoginVendorAdminAsync();
        await (await Api.PutAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/account-facts", new { balance = 3.2m }, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.PostAsync("/v2/vendor/partners/customer-warnings/refresh", null, vendor)).ReadJsonAsync(HttpStatusCode.OK);
        var warnings = await (await Api.GetAsync("/v2/partners/sub-customers/warnings?status=open", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var warning = Assert.Single(warnings.GetProperty("warnings").EnumerateArray());
        Assert.Equal("low_balance", warning.GetProperty("kind").GetString());
        var warningId = warning.GetProperty("warning_id").GetGuid();

        await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "called" }, other.Token))
            .AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        var closed = await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "Called the customer" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        await (await Api.PostAsync($"/v2/partners/sub-customers/warnings/{warningId}/close", new { note = "again" }, partner.Token))
            .AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private Task<int> CountOutboxAsync(string eventName, Guid mentioned) => shared.CountOutboxAsync(eventName, mentioned);
}
