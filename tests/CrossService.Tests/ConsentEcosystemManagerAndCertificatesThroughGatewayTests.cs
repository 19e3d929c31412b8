using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrossService.Tests.Support;
using PartnerPlatform.Testing;

namespace CrossService.Tests;

/// <summary>
/// What partners, their customers and members, and vendor staff meet on day one, each through the
/// gateway's routes to the real identity-api: the consent record of a customer joining through a
/// link, the partner's ecosystem manager (PDM) and the certificates members share with their partner.
/// </summary>
public sealed partial class ConsentEcosystemManagerAndCertificatesThroughGatewayTests(PartnerCenter center) : IClassFixture<PartnerCenter>
{
    private const string Accept = "/v2/partners/sub-customers/me/invitations/accept";

    [Fact]
    public async Task A_customer_joins_through_an_invitation_only_with_the_documents_in_force_and_reads_its_consent_record_through_the_gateway()
    {
        var partner = await center.RegisterPartnerAsync();
        var customer = await center.RegisterCustomerAsync();
        var invitation = await (await center.PostAsync("/v2/partners/sub-customers/offline-invitations", new { association_type = "reseller" }, partner.Token))
            .IsSuccess(HttpStatusCode.Created);
        var token = PartnerCenter.TokenOf(invitation.GetProperty("link").GetString()!);
        var inForce = await (await center.GetAsync("/v2/partners/sub-customers/consent-documents", customer.Token)).IsSuccess();
        var documents = inForce.GetProperty("documents").EnumerateArray()
            .Select(d => new { kind = d.GetProperty("kind").GetString(), version = d.GetProperty("version").GetString() })
            .ToArray();
        Assert.Equal(["account_data_transfer", "privacy_policy", "user_agreement"], documents.Select(d => d.kind!).Order().ToArray());

        await (await center.PostAsync(Accept, new { token }, customer.Token)).IsProblem(HttpStatusCode.BadRequest, "CBC.99001050");
        await (await center.PostAsync(Accept, new { token, accepted_documents = documents.Take(2).ToArray() }, customer.Token))
            .IsProblem(HttpStatusCode.BadRequest, "CBC.99001050");
        var none = await (await center.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).IsSuccess();
        Assert.Equal(0, none.GetProperty("total_count").GetInt32());

        var joined = await (await center.PostAsync(Accept, new { token, accepted_documents = documents }, customer.Token)).IsSuccess();
        Assert.Equal(partner.PartnerId, joined.GetProperty("partner_id").GetGuid());

        var mine = await (await center.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).IsSuccess();
        Assert.Equal(1, mine.GetProperty("total_count").GetInt32());
        var consent = mine.GetProperty("consents")[0];
        Assert.Equal(customer.CustomerId, consent.GetProperty("customer_id").GetGuid());
        Assert.Equal(partner.PartnerId, consent.GetProperty("partner_id").GetGuid());
        Assert.Equal(
            documents.Select(d => d.kind + ":" + d.version).Order(),
            consent.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString() + ":" + d.GetProperty("version").GetString()).Order());
        Assert.Equal(
            ["account_name", "mobile_phone", "email", "country_region", "account_id", "status"],
            consent.GetProperty("transferred_data").EnumerateArray().Select(d => d.GetString()!));

        var vendor = await center.SignInVendorAdminAsync();
        var seenByStaff = await (await center.GetAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/consents", vendor)).IsSuccess();
        Assert.Equal(consent.GetProperty("consent_id").GetGuid(), seenByStaff.GetProperty("consents")[0].GetProperty("consent_id").GetGuid());
        await (await center.GetAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/consents", partner.Token)).IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task Vendor_staff_assign_the_partners_ecosystem_manager_and_the_partner_reads_it_through_the_gateway()
    {
        var vendor = await center.SignInVendorAdminAsync();
        var partner = await center.RegisterPartnerAsync();
        var before = await (await center.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).IsSuccess();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("ecosystem_manager").ValueKind);

        var staff = await (await center.PostAsync("/v2/vendor/partners/staff", new
        {
            user_name = PartnerCenter.UniqueName("s"),
            password = PartnerCenter.Password,
            vendor_role = "pdm",
            display_name = "Wang Fang",
        }, vendor)).IsSuccess(HttpStatusCode.Created);
        var assignment = new { staff_account_id = staff.GetProperty("user_id").GetGuid(), email = "wang.fang@vendor.example", mobile_phone = "0086-13800000001" };
        await (await center.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", assignment, partner.Token))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.0151");
        await (await center.PutAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", assignment, vendor)).IsSuccess();

        var seen = await (await center.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).IsSuccess();
        var manager = seen.GetProperty("ecosystem_manager");
        Assert.Equal("Wang Fang", manager.GetProperty("display_name").GetString());
        Assert.Equal("wang.fang@vendor.example", manager.GetProperty("email").GetString());
        Assert.Equal("0086-13800000001", manager.GetProperty("mobile_phone").GetString());
        var another = await center.RegisterPartnerAsync();
        var notTheirs = await (await center.GetAsync("/v2/partners/profile/ecosystem-manager", another.Token)).IsSuccess();
        Assert.Equal(JsonValueKind.Null, notTheirs.GetProperty("ecosystem_manager").ValueKind);
    }

    [Fact]
    public async Task A_member_adds_a_certificate_and_the_partner_administrator_lists_it_through_the_gateway()
    {
        var partner = await center.RegisterPartnerAsync();
        var other = await center.RegisterPartnerAsync();
        var email = PartnerCenter.UniqueName("m") + "@example.com";
        await (await center.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email }, partner.Token)).IsSuccess(HttpStatusCode.Created);
        var member = await center.RegisterCustomerAsync();
        var link = Link().Match(center.LatestNotificationTo(email)).Value;
        await (await center.PostAsync("/v2/partners/members/invitations/accept", new { token = PartnerCenter.TokenOf(link) }, member.Token)).IsSuccess();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var number = "hcip-" + Guid.NewGuid().ToString("N")[..8];
        var added = await (await center.PostAsync("/v2/partners/members/me/certificates", new
        {
            level = "HCIP",
            track = "Cloud Service",
            number,
            issued_on = today.AddDays(-30).ToString("yyyy-MM-dd"),
            expires_on = today.AddDays(1000).ToString("yyyy-MM-dd"),
        }, member.Token)).IsSuccess(HttpStatusCode.Created);
        Assert.Equal("hcip", added.GetProperty("level").GetString());
        Assert.Equal(number.ToUpperInvariant(), added.GetProperty("number").GetString());

        var shared = await (await center.GetAsync("/v2/partners/members/certificates", partner.Token)).IsSuccess();
        Assert.Equal(1, shared.GetProperty("total_count").GetInt32());
        var certificate = shared.GetProperty("certificates")[0];
        Assert.Equal(added.GetProperty("certificate_id").GetGuid(), certificate.GetProperty("certificate_id").GetGuid());
        Assert.Equal(member.UserName, certificate.GetProperty("holder_user_name").GetString());
        var notShared = await (await center.GetAsync("/v2/partners/members/certificates", other.Token)).IsSuccess();
        Assert.Equal(0, notShared.GetProperty("total_count").GetInt32());
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
