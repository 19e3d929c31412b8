using System.Net;
using System.Text.Json;
using Identity.Api.Data;
using Identity.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class CustomerTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_created_customer_is_associated_as_reseller_type_and_listed_with_masked_personal_data()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var email = Scenario.UniqueEmail();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);
        var name = Scenario.UniqueName("c");

        var created = await (await Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = "x-" + name,
            xaccount_type = "test_idp",
            domain_name = name,
            mobile_phone = mobile,
            verification_code = code,
            email,
            password = Scenario.DefaultPassword,
            include_association_result = true,
        }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(name, created.GetProperty("domain_name").GetString());
        var result = created.GetProperty("association_result");
        Assert.Equal("associated", result.GetProperty("status").GetString());
        Assert.Equal("reseller", result.GetProperty("association_type").GetString());

        var page = await (await Api.PostAsync("/v2/partners/sub-customers/query", new { account_name = name }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("total_count").GetInt32());
        var info = page.GetProperty("customer_infos")[0];
        Assert.Equal(created.GetProperty("domain_id").GetGuid(), info.GetProperty("domain_id").GetGuid());
        Assert.Equal(mobile[..8] + "****" + mobile[^4..], info.GetProperty("mobile_phone").GetString());
        Assert.Equal(email[0] + "***@example.com", info.GetProperty("email").GetString());
        Assert.Equal("reseller", info.GetProperty("association_type").GetString());

        // Showing a field in clear needs its permission item and leaves a record.
        var revealed = await (await Api.PostAsync($"/v2/partners/sub-customers/{info.GetProperty("domain_id").GetGuid()}/reveal", new { field = "mobile_phone" }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(mobile, revealed.GetProperty("value").GetString());
        var member = await Api.CreateMemberAsync(partner);
        await (await Api.PostAsync($"/v2/partners/sub-customers/{info.GetProperty("domain_id").GetGuid()}/reveal", new { field = "mobile_phone" }, member.Token))
            .AssertErrorAsync("CBC.0155", HttpStatusCode.Forbidden);
        await using (var scope = shared.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            Assert.Equal(1, await db.PiiReveals.CountAsync(r => r.CustomerId == info.GetProperty("domain_id").GetGuid() && r.Field == "mobile_phone"));
        }

        // The customer signs in with its own account name.
        await Api.LoginAsync(name, Scenario.DefaultPassword);
    }

    [Fact]
    public async Task Creating_again_with_the_same_xaccount_id_and_data_returns_the_same_customer_and_other_data_is_refused()
    {
        var partner = await Api.RegisterPartnerAsync();
        var body = new { xaccount_id = "same-1", xaccount_type = "test_idp", email = Scenario.UniqueEmail() };

        var first = await (await Api.PostAsync("/v2/partners/sub-customers", body, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        var again = await (await Api.PostAsync("/v2/partners/sub-customers", body, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("domain_id").GetGuid(), again.GetProperty("domain_id").GetGuid());
        Assert.StartsWith("cust_", first.GetProperty("domain_name").GetString(), StringComparison.Ordinal);
        await (await Api.PostAsync("/v2/partners/sub-customers", body with { email = Scenario.UniqueEmail() }, partner.Token))
            .AssertErrorAsync("CBC.99000039", HttpStatusCode.BadRequest);

        // Another partner may use the same xaccount_id for its own customer.
        var other = await Api.RegisterPartnerAsync();
        await (await Api.PostAsync("/v2/partners/sub-customers", body with { email = Scenario.UniqueEmail() }, other.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_identical_create_calls_at_the_same_time_create_one_customer()
    {
        var partner = await Api.RegisterPartnerAsync();
        var mobile = Scenario.UniqueMobile();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);
        var body = new { xaccount_id = "race-" + Guid.NewGuid().ToString("N"), xaccount_type = "test_idp", mobile_phone = mobile, verification_code = code };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.PostAsync("/v2/partners/sub-customers", body, partner.Token)));

        var bodies = new List<JsonElement>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            bodies.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(bodies.Select(b => b.GetProperty("domain_id").GetGuid()).Distinct());
        await using var scope = shared.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.XAccountId == body.xaccount_id));
    }

    [Fact]
    public async Task Names_emails_and_mobiles_in_use_are_refused_with_their_codes()
    {
        var partner = await Api.RegisterPartnerAsync();
        var name = Scenario.UniqueName("c");
        var email = Scenario.UniqueEmail();
        var mobile = Scenario.UniqueMobile();
        var code = await Api.SendSmsCodeAsync(partner.Token, mobile);
        await (await Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", domain_name = name, email, mobile_phone = mobile, verification_code = code,
        }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);

        await (await Api.PostAsync("/v2/partners/sub-customers", new { xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", domain_name = name }, partner.Token))
            .AssertErrorAsync("CBC.99000038");
        await (await Api.PostAsync("/v2/partners/sub-customers", new { xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", email }, partner.Token))
            .AssertErrorAsync("CBC.99000032");
        code = await Api.SendSmsCodeAsync(partner.Token, mobile);
        await (await Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", mobile_phone = mobile, verification_code = code,
        }, partner.Token)).AssertErrorAsync("CBC.99000029");

        // A partner's own account name is taken too.
        await (await Api.PostAsync("/v2/partners/sub-customers", new { xaccount_id = Guid.NewGuid().ToString("N"), xaccount_type = "t", domain_name = partner.UserName }, partner.Token))
            .AssertErrorAsync("CBC.99000038");
    }

    [Fact]
    public async Task A_mobile_number_carries_at_most_five_customer_accounts()
    {
        var mobile = Scenario.UniqueMobile();
        for (var i = 0; i < 5; i++)
        {
            var partner = await Api.RegisterPartnerAsync();
            var code = await Api.SendSmsCodeAsync(partner.Token, mobile);
            await (await Api.PostAsync("/v2/partners/sub-customers", new
            {
                xaccount_id = "m" + i, xaccount_type = "t", mobile_phone = mobile, verification_code = code,
            }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        }

        var last = await Api.RegisterPartnerAsync();
        var check = await (await Api.PostAsync("/v2/partners/sub-customers/users/check-identity", new { search_type = "mobile", search_value = mobile }, last.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("used", check.GetProperty("check_result").GetString());
        Assert.True(check.GetProperty("registration_limit_reached").GetBoolean());
        var lastCode = await Api.SendSmsCodeAsync(last.Token, mobile);
        await (await Api.PostAsync("/v2/partners/sub-customers", new
        {
            xaccount_id = "m5", xaccount_type = "t", mobile_phone = mobile, verification_code = lastCode,
        }, last.Token)).AssertErrorAsync("CBC.99000030");
    }

    [Fact]
    public async Task Check_identity_tells_available_from_used()
    {
        var partner = await Api.RegisterPartnerAsync();
        var email = Scenario.UniqueEmail();
        var name = Scenario.UniqueName("c");

        async Task<string?> Check(string type, string value) =>
            (await (await Api.PostAsync("/v2/partners/sub-customers/users/check-identity", new { search_type = type, search_value = value }, partner.Token))
                .ReadJsonAsync(HttpStatusCode.OK)).GetProperty("check_result").GetString();

        Assert.Equal("available", await Check("email", email));
        Assert.Equal("available", await Check("name", name));
        Assert.Equal("used", await Check("name", partner.UserName));
        await (await Api.PostAsync("/v2/partners/sub-customers", new { xaccount_id = "c1", xaccount_type = "t", domain_name = name, email }, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("used", await Check("email", email.ToUpperInvariant()));
        Assert.Equal("used", await Check("name", name));
    }

    [Fact]
    public async Task The_query_pages_filters_and_counts()
    {
        var partner = await Api.RegisterPartnerAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Api.CreateCustomerAsync(partner));
        }

        var page = await (await Api.PostAsync("/v2/partners/sub-customers/query", new { offset = 1, limit = 1 }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total_count").GetInt32());
        Assert.Equal(1, page.GetProperty("customer_infos").GetArrayLength());

        var referral = await (await Api.PostAsync("/v2/partners/sub-customers/query", new { association_type = "referral" }, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, referral.GetProperty("total_count").GetInt32());

        var detail = await (await Api.GetAsync($"/v2/partners/sub-customers/{ids[0]}", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(ids[0], detail.GetProperty("domain_id").GetGuid());
    }

    [Fact]
    public async Task Association_publishes_customer_associated_once_through_the_outbox()
    {
        var partner = await Api.RegisterPartnerAsync();
        var queue = await shared.BindQueueAsync("PartnerPlatform.Contracts.Identity:CustomerAssociated");

        var customerId = await Api.CreateCustomerAsync(partner);

        await using var scope = shared.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var rows = await db.Database.SqlQuery<string>(
            $"SELECT payload::text AS \"Value\" FROM outbox_messages WHERE message_type LIKE '%CustomerAssociated%' AND payload::text LIKE {"%" + customerId + "%"}")
            .ToListAsync();
        var payload = JsonDocument.Parse(Assert.Single(rows)).RootElement;
        Assert.Equal(partner.PartnerId, payload.GetProperty("partnerId").GetGuid());
        await Eventually.HoldsAsync(async () => await shared.CountMessagesWithAsync(queue, customerId.ToString()) == 1, TimeSpan.FromSeconds(10), "the event reached the bound queue once");
        await Task.Delay(500);
        Assert.Equal(1, await shared.CountMessagesWithAsync(queue, customerId.ToString()));
    }
}
