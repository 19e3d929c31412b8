using System.Net;
using Identity.Api.Data;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;

namespace Identity.Tests;

/// <summary>Every identity event in the contracts is published through the outbox and reaches the broker.</summary>
public sealed class EventTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task One_partners_life_publishes_every_identity_event_through_the_outbox()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var vendor = await api.LoginVendorAdminAsync();
        Ok(await api.PostAsync("/v2/partners/profile/programmes", new { programme = "solution_provider" }, partner.Token));
        Ok(await api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/programmes/solution_provider/expire", null, vendor));
        Ok(await api.PostAsync("/v2/partners/profile/co-expansion-plan", new { accept_conditions = true }, partner.Token));
        var etag = (await api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}", vendor)).Headers.ETag!.Tag;
        Ok(await api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/path-stage", new { path_stage = "role_certified" }, vendor, new Dictionary<string, string> { ["If-Match"] = etag }));
        Ok(await api.PostAsync($"/v2/vendor/partners/{partner.PartnerId}/capability-tags", new { tag = "ai" }, vendor));
        Ok(await api.PostAsync("/v2/partners/profile/business-certification",
            new { bank_name = "B", bank_account_name = "N", bank_account_number = "123456789", tax_id = "T-" + Guid.NewGuid().ToString("N")[..8] }, partner.Token));
        Ok(await api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = Scenario.UniqueEmail() }, partner.Token));
        await api.RegisterProspectAsync(partner);
        var customerId = await api.CreateCustomerAsync(partner);
        var authorisation = await (await api.PostAsync($"/v2/partners/sub-customers/{customerId}/authorisations", new { purpose = "share_with_vendor" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        var customerName = (await (await api.GetAsync($"/v2/partners/sub-customers/{customerId}", partner.Token)).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("domain_name").GetString()!;
        var customerToken = await api.LoginAsync(customerName, Scenario.DefaultPassword);
        Ok(await api.PostAsync($"/v2/partners/sub-customers/me/authorisations/{authorisation.GetProperty("authorisation_id").GetGuid()}/approve", null, customerToken));
        var me = await (await api.GetAsync("/v2/auth/me", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Ok(await api.PutAsync($"/v2/partners/sub-customers/{customerId}/account-manager", new { member_id = me.GetProperty("user_id").GetString() }, partner.Token));
        Ok(await api.PostAsync($"/v2/partners/sub-customers/{customerId}/disassociation", null, partner.Token));
        Ok(await api.PostAsync("/v2/auth/password-resets", new { user_name = partner.UserName }));
        var resetCode = factory.Notifications.LatestCode(partner.UserName + "@example.com");
        Ok(await api.PostAsync("/v2/auth/password-resets/confirm", new { user_name = partner.UserName, verification_code = resetCode, new_password = "Reset-passw0rd" }));
        await api.AssociatedCustomerAsync(partner);
        var staff = await (await api.PostAsync("/v2/vendor/partners/staff", new { user_name = Scenario.UniqueName("s"), password = Scenario.DefaultPassword, vendor_role = "pdm" }, vendor))
            .ReadJsonAsync(HttpStatusCode.Created);
        Ok(await api.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", new { staff_account_id = staff.GetProperty("user_id").GetGuid(), email = Scenario.UniqueEmail() }, vendor));
        Ok(await api.DeleteAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", vendor));
        var personEmail = Scenario.UniqueEmail();
        Ok(await api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = personEmail }, partner.Token));
        var person = await api.RegisterCustomerAccountAsync();
        Ok(await api.PostAsync("/v2/partners/members/invitations/accept", new { token = Scenario.TokenOf(factory.Notifications.LatestLink(personEmail)) }, person.Token));
        Ok(await api.PostAsync("/v2/partners/members/me/certificates", new { level = "hcia", track = "Datacom", number = "E-1", issued_on = "2026-01-05", expires_on = "2029-01-05" }, person.Token));
        Ok(await api.DeleteAsync($"/v2/partners/members/me/partners/{partner.PartnerId}", person.Token));

        // The SAML events need an identity provider's signed responses: Sso/SamlSsoTests asserts them in the outbox.
        string[] publishedBySso = [nameof(PartnerSamlIdentityProviderConfigured), nameof(PartnerSamlIdentityProviderRemoved), nameof(SsoAccountProvisioned)];
        var events = typeof(PartnerRegistered).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(PartnerRegistered).Namespace && !publishedBySso.Contains(t.Name)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(20, events.Count);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var mention = "%" + partner.PartnerId + "%";
        var published = await db.Database.SqlQuery<string>(
            $"SELECT DISTINCT split_part(split_part(message_type, ',', 1), '.', 4) AS \"Value\" FROM outbox_messages WHERE payload::text LIKE {mention}").ToListAsync();
        Assert.Equal(events, published.Order(StringComparer.Ordinal).ToList());

        await Eventually.HoldsAsync(
            async () => await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE sent_at IS NULL AND payload::text LIKE {mention}").SingleAsync() == 0,
            TimeSpan.FromSeconds(10),
            "every staged event is relayed to the broker");
    }

    private static void Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
}
