using System.Net;
using System.Text.Json;
using Identity.Tests.Support;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class EcosystemManagerTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task Vendor_staff_assign_replace_and_remove_the_partners_ecosystem_manager_and_the_history_keeps_each()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        var partner = await Api.RegisterPartnerAsync();
        var first = await CreateStaffAsync(vendor, "pdm", "Wang Fang");
        var second = await CreateStaffAsync(vendor, "ecosystem_manager", null);
        var none = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("ecosystem_manager").ValueKind);

        await (await AssignAsync(vendor, partner.PartnerId, first.Id, "wang.fang@vendor.example", "0086-13800000001")).ReadJsonAsync(HttpStatusCode.OK);
        var seen = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Wang Fang", seen.GetProperty("ecosystem_manager").GetProperty("display_name").GetString());
        Assert.Equal("wang.fang@vendor.example", seen.GetProperty("ecosystem_manager").GetProperty("email").GetString());
        Assert.Equal("0086-13800000001", seen.GetProperty("ecosystem_manager").GetProperty("mobile_phone").GetString());

        await (await AssignAsync(vendor, partner.PartnerId, second.Id, "LI.NA@vendor.example", null)).ReadJsonAsync(HttpStatusCode.OK);
        seen = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(second.UserName, seen.GetProperty("ecosystem_manager").GetProperty("display_name").GetString());
        Assert.Equal("li.na@vendor.example", seen.GetProperty("ecosystem_manager").GetProperty("email").GetString());

        (await Api.DeleteAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", vendor)).EnsureSuccessStatusCode();
        none = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("ecosystem_manager").ValueKind);
        await (await Api.DeleteAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-manager", vendor)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);

        var history = await (await Api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-managers", vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, history.GetProperty("total_count").GetInt32());
        var rows = history.GetProperty("ecosystem_managers").EnumerateArray().ToList();
        Assert.Equal([second.Id, first.Id], rows.Select(r => r.GetProperty("staff_account_id").GetGuid()).ToArray());
        Assert.All(rows, r => Assert.NotEqual(JsonValueKind.Null, r.GetProperty("ended_at").ValueKind));
        Assert.Equal(2, await shared.CountOutboxAsync("PartnerEcosystemManagerAssigned", partner.PartnerId));
        Assert.Equal(1, await shared.CountOutboxAsync("PartnerEcosystemManagerRemoved", partner.PartnerId));
    }

    [Fact]
    public async Task Only_a_pdm_or_ecosystem_manager_staff_account_can_be_assigned()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        var partner = await Api.RegisterPartnerAsync();
        var psm = await CreateStaffAsync(vendor, "psm", null);
        var pdm = await CreateStaffAsync(vendor, "pdm", null);
        var partnerAccount = Guid.Parse((await (await Api.GetAsync("/v2/auth/me", partner.Token)).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("user_id").GetString()!);

        foreach (var staffId in new[] { psm.Id, partnerAccount, Guid.NewGuid() })
        {
            var problem = await (await AssignAsync(vendor, partner.PartnerId, staffId, "x@vendor.example", null)).AssertErrorAsync("CBC.99001052", HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("staff_account_id", out _));
        }

        await (await AssignAsync(vendor, partner.PartnerId, pdm.Id, "x@vendor.example", "13800000000")).AssertErrorAsync("CBC.5017", HttpStatusCode.BadRequest);
        await (await AssignAsync(vendor, partner.PartnerId, pdm.Id, null, null)).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await AssignAsync(vendor, Guid.NewGuid(), pdm.Id, "x@vendor.example", null)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        await (await AssignAsync(partner.Token, partner.PartnerId, pdm.Id, "x@vendor.example", null)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        var psmToken = await Api.LoginAsync(psm.UserName, Scenario.DefaultPassword);
        await (await AssignAsync(psmToken, partner.PartnerId, pdm.Id, "x@vendor.example", null)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);

        var history = await (await Api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-managers", vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, history.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Staff_assigning_at_once_leave_exactly_one_current_manager()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        var partner = await Api.RegisterPartnerAsync();
        var staff = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => CreateStaffAsync(vendor, "pdm", null)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AssignAsync(vendor, partner.PartnerId, staff[i % 2].Id, $"pdm{i}@vendor.example", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var history = await (await Api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-managers?limit=100", vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(8, history.GetProperty("total_count").GetInt32());
        var current = Assert.Single(history.GetProperty("ecosystem_managers").EnumerateArray(), r => r.GetProperty("ended_at").ValueKind == JsonValueKind.Null);
        var seen = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(current.GetProperty("email").GetString(), seen.GetProperty("ecosystem_manager").GetProperty("email").GetString());
        Assert.Equal(8, await shared.CountOutboxAsync("PartnerEcosystemManagerAssigned", partner.PartnerId));
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_ecosystem_manager()
    {
        var vendor = await Api.LoginVendorAdminAsync();
        var partner = await Api.RegisterPartnerAsync();
        var other = await Api.RegisterPartnerAsync();
        var pdm = await CreateStaffAsync(vendor, "pdm", "Zhao Lei");
        await (await AssignAsync(vendor, partner.PartnerId, pdm.Id, "zhao.lei@vendor.example", null)).ReadJsonAsync(HttpStatusCode.OK);

        var theirs = await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", other.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("ecosystem_manager").ValueKind);
        await (await Api.GetAsync($"/v2/vendor/partners/{partner.PartnerId}/ecosystem-managers", other.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        var customer = await Api.AssociatedCustomerAsync(partner);
        await (await Api.GetAsync("/v2/partners/profile/ecosystem-manager", customer.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> AssignAsync(string token, Guid partnerId, Guid staffAccountId, string? email, string? mobile) =>
        Api.PutAsync($"/v2/vendor/partners/{partnerId}/ecosystem-manager", new { staff_account_id = staffAccountId, email, mobile_phone = mobile }, token);

    private async Task<(Guid Id, string UserName)> CreateStaffAsync(string vendor, string role, string? displayName)
    {
        var userName = Scenario.UniqueName("s");
        var body = await (await Api.PostAsync("/v2/vendor/partners/staff", new { user_name = userName, password = Scenario.DefaultPassword, vendor_role = role, display_name = displayName }, vendor))
            .ReadJsonAsync(HttpStatusCode.Created);
        return (body.GetProperty("user_id").GetGuid(), userName);
    }
}
