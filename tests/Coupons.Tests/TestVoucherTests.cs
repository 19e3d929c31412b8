using System.Net;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests;

[Collection(CouponsCollection.Name)]
public sealed class TestVoucherTests(CouponsApiFactory api)
{
    private const string Vouchers = "/v2/promotions/benefits/test-vouchers";
    private readonly Scenario _scenario = new(api);

    private async Task<Guid> RoleCertifiedPartnerAsync()
    {
        var partner = await _scenario.NewPartnerAsync();
        await api.PublishAsync(new PartnerPathStageChanged(partner, "registered", "role_certified", _scenario.Now));
        await api.EventuallyAsync(db => db.PartnerPathStages.AnyAsync(s => s.PartnerId == partner), "path stage");
        return partner;
    }

    [Fact]
    public async Task A_role_certified_partner_gets_one_test_voucher_per_role()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using var client = _scenario.ClientFor(partner);

        var voucher = await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("solution_architect", voucher.GetProperty("role").GetString());
        Assert.Equal("2000.00", voucher.GetProperty("coupon").GetProperty("face_value").GetRawText());
        Assert.Equal("role_test_voucher", voucher.GetProperty("coupon").GetProperty("source").GetString());
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).AssertProblemAsync(HttpStatusCode.Conflict, "CBC.99006042");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "operations_engineer" })).ReadJsonAsync(HttpStatusCode.Created);

        var list = await (await client.GetAsync(Vouchers)).ReadJsonAsync();
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());
        using var anonymous = api.Client(null);
        var roles = await (await anonymous.GetAsync("/v2/reference/test-voucher-roles")).ReadJsonAsync();
        Assert.Contains("solution_architect", roles.EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Test_vouchers_expired_for_more_than_two_years_leave_the_list()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using (var client = _scenario.ClientFor(partner))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).ReadJsonAsync(HttpStatusCode.Created);
        }

        api.Clock.Advance(TimeSpan.FromDays(90 + 2 * 365 + 10));
        using var later = _scenario.ClientFor(partner);
        var list = await (await later.GetAsync(Vouchers)).ReadJsonAsync();

        Assert.Equal(0, list.GetProperty("total_count").GetInt32());
        Assert.Empty(list.GetProperty("test_vouchers").EnumerateArray());
        await (await later.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).AssertProblemAsync(HttpStatusCode.Conflict, "CBC.99006042");
    }

    [Fact]
    public async Task Partners_without_a_role_certification_and_sub_customer_accounts_cannot_request()
    {
        var uncertified = await _scenario.NewPartnerAsync();
        using (var client = _scenario.ClientFor(uncertified))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).AssertProblemAsync(HttpStatusCode.Forbidden, "CBC.99006041");
            await (await client.PostIdempotentAsync(Vouchers, new { role = "astronaut" })).AssertProblemAsync(HttpStatusCode.BadRequest, "CBC.0100");
        }

        var subCustomer = await RoleCertifiedPartnerAsync();
        var parent = await _scenario.NewPartnerAsync();
        await api.PublishAsync(new CustomerAssociated(parent, subCustomer, "reseller", null, _scenario.Now));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == subCustomer), "association");
        using (var client = _scenario.ClientFor(subCustomer))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).AssertProblemAsync(HttpStatusCode.Forbidden, "CBC.99006040");
        }

        var customer = Scenario.Customer(Guid.NewGuid());
        customer = new PartnerPlatform.ServiceDefaults.CurrentCaller
        {
            IsAuthenticated = true, UserId = customer.UserId, CustomerId = customer.CustomerId, PartnerId = Guid.NewGuid().ToString(),
        };
        using var customerClient = api.Client(customer);
        await (await customerClient.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).AssertProblemAsync(HttpStatusCode.Forbidden, "CBC.99006040");
    }
}
