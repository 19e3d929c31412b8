using System.Net;
using System.Text.Json;
using Coupons.Api.Domain;
using Coupons.Tests.Support;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests;

/// <summary>
/// Role test vouchers of two kinds: a role selection voucher for partners on the consulting and
/// system-integration path, a role certification voucher for those with a role certification; one
/// of each kind per role, never for sub-customer accounts.
/// </summary>
[Collection(CouponsCollection.Name)]
public sealed class TestVoucherTests(CouponsApiFactory api)
{
    private const string Vouchers = "/v2/promotions/benefits/test-vouchers";
    private readonly Scenario _scenario = new(api);

    /// <summary>A partner whose development-path stage the service learned from PartnerPathStageChanged.</summary>
    private async Task<Guid> PartnerAtStageAsync(string stage)
    {
        var partner = await _scenario.NewPartnerAsync();
        var previous = stage == "registered" ? "role_certified" : "registered";
        await api.PublishAsync(new PartnerPathStageChanged(partner, previous, stage, _scenario.Now));
        await api.EventuallyAsync(db => db.PartnerPathStages.AnyAsync(s => s.PartnerId == partner), "path stage");
        return partner;
    }

    private Task<Guid> RoleCertifiedPartnerAsync() => PartnerAtStageAsync("role_certified");

    [Fact]
    public async Task A_role_certified_partner_gets_one_test_voucher_per_role()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using var client = _scenario.ClientFor(partner);

        var voucher = await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsSuccess(HttpStatusCode.Created);
        Assert.Equal("solution_architect", voucher.GetProperty("role").GetString());
        Assert.Equal("role_certification", voucher.GetProperty("kind").GetString());
        Assert.Equal("2000.00", voucher.GetProperty("coupon").GetProperty("face_value").GetRawText());
        Assert.Equal("role_test_voucher", voucher.GetProperty("coupon").GetProperty("source").GetString());
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_certification" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "operations_engineer" })).IsSuccess(HttpStatusCode.Created);

        var list = await (await client.GetAsync(Vouchers)).IsSuccess();
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());
        using var anonymous = api.Client(null);
        var roles = await (await anonymous.GetAsync("/v2/reference/test-voucher-roles")).IsSuccess();
        Assert.Contains("solution_architect", roles.EnumerateArray().Select(r => r.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task A_partner_on_the_path_without_a_certification_gets_one_role_selection_voucher_per_role_and_no_certification_voucher()
    {
        var partner = await PartnerAtStageAsync("registered");
        using var client = _scenario.ClientFor(partner);

        var voucher = await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
            .IsSuccess(HttpStatusCode.Created);
        Assert.Equal("solution_architect", voucher.GetProperty("role").GetString());
        Assert.Equal("role_selection", voucher.GetProperty("kind").GetString());
        var coupon = voucher.GetProperty("coupon");
        Assert.Equal("500.00", coupon.GetProperty("face_value").GetRawText());
        Assert.Equal("500.00", coupon.GetProperty("balance").GetRawText());
        Assert.Equal("CNY", coupon.GetProperty("currency").GetString());
        Assert.Equal("role_test_voucher", coupon.GetProperty("source").GetString());
        Assert.Equal(TimeSpan.FromDays(30), coupon.GetProperty("expire_time").GetDateTimeOffset() - coupon.GetProperty("valid_time").GetDateTimeOffset());

        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_certification" }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006041");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006041");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "implementation_engineer", kind = "role_selection" })).IsSuccess(HttpStatusCode.Created);

        var list = await (await client.GetAsync(Vouchers)).IsSuccess();
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());
        Assert.All(list.GetProperty("test_vouchers").EnumerateArray(), v => Assert.Equal("role_selection", v.GetProperty("kind").GetString()));
        await using var db = api.Db();
        Assert.Equal(2, await db.Coupons.CountAsync(c => c.CustomerId == partner && c.Source == CouponSource.RoleTestVoucher));
    }

    [Theory]
    [InlineData("registered")]
    [InlineData("role_certified")]
    [InlineData("capability_differentiated")]
    public async Task A_partner_at_any_stage_of_the_path_gets_a_role_selection_voucher(string stage)
    {
        var partner = await PartnerAtStageAsync(stage);
        using var client = _scenario.ClientFor(partner);

        var voucher = await (await client.PostIdempotentAsync(Vouchers, new { role = "operations_engineer", kind = "role_selection" }))
            .IsSuccess(HttpStatusCode.Created);

        Assert.Equal("role_selection", voucher.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_certified_partner_gets_a_role_selection_and_a_role_certification_voucher_for_the_same_role_each_once()
    {
        var partner = await PartnerAtStageAsync("capability_differentiated");
        using var client = _scenario.ClientFor(partner);

        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" })).IsSuccess(HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsSuccess(HttpStatusCode.Created);
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_certification" }))
            .IsProblem(HttpStatusCode.Conflict, "CBC.99006042");

        var list = await (await client.GetAsync(Vouchers)).IsSuccess();
        var vouchers = list.GetProperty("test_vouchers").EnumerateArray().ToList();
        Assert.Equal(2, list.GetProperty("total_count").GetInt32());
        Assert.Equal(["role_selection", "role_certification"], vouchers.Select(v => v.GetProperty("kind").GetString()));
        Assert.Equal(["500.00", "2000.00"], vouchers.Select(v => v.GetProperty("coupon").GetProperty("face_value").GetRawText()));
        Assert.All(vouchers, v => Assert.Equal("solution_architect", v.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Test_vouchers_expired_for_more_than_two_years_leave_the_list()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using (var client = _scenario.ClientFor(partner))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsSuccess(HttpStatusCode.Created);
        }

        api.Clock.Advance(TimeSpan.FromDays(90 + 2 * 365 + 10));
        using var later = _scenario.ClientFor(partner);
        var list = await (await later.GetAsync(Vouchers)).IsSuccess();

        Assert.Equal(0, list.GetProperty("total_count").GetInt32());
        Assert.Empty(list.GetProperty("test_vouchers").EnumerateArray());
        await (await later.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
    }

    [Fact]
    public async Task A_partner_never_moved_along_the_path_is_at_its_initial_stage_and_gets_only_the_role_selection_voucher()
    {
        var registered = await _scenario.NewPartnerAsync();
        using var client = _scenario.ClientFor(registered);

        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
            .IsSuccess(HttpStatusCode.Created);
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_certification" }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006041");
        await using var db = api.Db();
        Assert.Equal([TestVoucherKind.RoleSelection], await db.TestVoucherGrants.Where(g => g.PartnerId == registered).Select(g => g.Kind).ToListAsync());
    }

    [Fact]
    public async Task An_unknown_kind_or_role_and_a_missing_role_are_invalid_parameters()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using var client = _scenario.ClientFor(partner);

        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_promotion" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "astronaut", kind = "role_selection" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await (await client.PostIdempotentAsync(Vouchers, new { kind = "role_selection" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        await using var db = api.Db();
        Assert.Equal(0, await db.TestVoucherGrants.CountAsync(g => g.PartnerId == partner));
    }

    [Fact]
    public async Task Partners_without_a_role_certification_and_sub_customer_accounts_cannot_request()
    {
        var uncertified = await _scenario.NewPartnerAsync();
        using (var client = _scenario.ClientFor(uncertified))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006041");
            await (await client.PostIdempotentAsync(Vouchers, new { role = "astronaut" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");
        }

        var subCustomer = await RoleCertifiedPartnerAsync();
        var parent = await _scenario.NewPartnerAsync();
        await api.PublishAsync(new CustomerAssociated(parent, subCustomer, "reseller", null, _scenario.Now));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == subCustomer), "association");
        using (var client = _scenario.ClientFor(subCustomer))
        {
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006040");
            await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
                .IsProblem(HttpStatusCode.Forbidden, "CBC.99006040");
        }

        var customer = Scenario.Customer(Guid.NewGuid());
        customer = new PartnerPlatform.ServiceDefaults.CurrentCaller
        {
            IsAuthenticated = true, UserId = customer.UserId, CustomerId = customer.CustomerId, PartnerId = Guid.NewGuid().ToString(),
        };
        using var customerClient = api.Client(customer);
        await (await customerClient.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.Forbidden, "CBC.99006040");
        await (await customerClient.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }))
            .IsProblem(HttpStatusCode.Forbidden, "CBC.99006040");
    }

    [Fact]
    public async Task A_request_repeated_with_its_idempotency_key_answers_the_first_voucher_and_the_key_with_another_kind_is_refused()
    {
        var partner = await RoleCertifiedPartnerAsync();
        using var client = _scenario.ClientFor(partner);
        var key = Guid.NewGuid().ToString("N");

        var first = await (await client.PostAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }, key)).IsSuccess(HttpStatusCode.Created);
        var replay = await (await client.PostAsync(Vouchers, new { role = "solution_architect", kind = "role_selection" }, key)).IsSuccess(HttpStatusCode.Created);
        await (await client.PostAsync(Vouchers, new { role = "solution_architect", kind = "role_certification" }, key))
            .IsProblem(HttpStatusCode.UnprocessableEntity, "CBC.0158");

        Assert.Equal(first.GetProperty("coupon").GetProperty("coupon_id").GetGuid(), replay.GetProperty("coupon").GetProperty("coupon_id").GetGuid());
        await using var db = api.Db();
        Assert.Equal(1, await db.TestVoucherGrants.CountAsync(g => g.PartnerId == partner));
        Assert.Equal(1, await db.Coupons.CountAsync(c => c.CustomerId == partner));
    }

    [Theory]
    [InlineData("role_selection")]
    [InlineData("role_certification")]
    public async Task Requests_that_all_passed_the_check_for_the_same_role_and_kind_grant_exactly_one_voucher(string kind)
    {
        var partner = await RoleCertifiedPartnerAsync();

        // A grant of the same role and kind written but not committed: every request finds no grant,
        // then waits on the key; when it is rolled back the requests race for the one voucher.
        await using var held = await HeldTransaction.BeginAsync(api);
        await held.ExecuteAsync(
            "INSERT INTO test_voucher_grants (partner_id, role, kind, coupon_id, granted_at) VALUES (@p0, @p1, @p2, @p3, @p4)",
            partner, "solution_architect", kind, Guid.NewGuid(), _scenario.Now);
        var clients = Enumerable.Range(0, 5).Select(_ => _scenario.ClientFor(partner)).ToList();
        var requests = clients.Select(c => c.PostIdempotentAsync(Vouchers, new { role = "solution_architect", kind })).ToArray();
        await HeldTransaction.WaitUntilBlockedAsync(api, requests.Length, requests);
        await held.RollbackAsync();

        var responses = await Task.WhenAll(requests);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
        }

        clients.ForEach(c => c.Dispose());
        await AssertOneVoucherEachAsync(partner, kind);
    }

    [Fact]
    public async Task Concurrent_requests_for_both_kinds_of_one_role_grant_exactly_one_voucher_of_each_kind()
    {
        var partner = await RoleCertifiedPartnerAsync();
        string[] kinds = ["role_selection", "role_certification"];
        var clients = Enumerable.Range(0, 12).Select(_ => _scenario.ClientFor(partner)).ToList();

        var responses = await Task.WhenAll(clients.Select((c, i) => c.PostIdempotentAsync(Vouchers, new { role = "implementation_engineer", kind = kinds[i % 2] })));

        var created = new List<JsonElement>();
        foreach (var response in responses)
        {
            if (response.StatusCode == HttpStatusCode.Created)
            {
                created.Add(await response.IsSuccess(HttpStatusCode.Created));
            }
            else
            {
                await response.IsProblem(HttpStatusCode.Conflict, "CBC.99006042");
            }
        }

        Assert.Equal(["role_certification", "role_selection"], created.Select(v => v.GetProperty("kind").GetString()).Order());
        clients.ForEach(c => c.Dispose());
        await AssertOneVoucherEachAsync(partner, kinds);
    }

    [Fact]
    public async Task The_reference_shows_what_each_kind_gives_for_each_role()
    {
        using var anonymous = api.Client(null);

        var roles = (await (await anonymous.GetAsync("/v2/reference/test-voucher-roles")).IsSuccess()).EnumerateArray().ToList();
        var kinds = await (await anonymous.GetAsync("/v2/reference/test-voucher-kinds")).IsSuccess();

        Assert.Equal(["role_certification", "role_selection"], kinds.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(6, roles.Count);
        Assert.Equal(
            ["role_certification", "role_certification", "role_certification", "role_selection", "role_selection", "role_selection"],
            roles.Select(r => r.GetProperty("kind").GetString()));
        var architect = roles.Where(r => r.GetProperty("role").GetString() == "solution_architect")
            .ToDictionary(r => r.GetProperty("kind").GetString()!, r => (r.GetProperty("face_value").GetRawText(), r.GetProperty("currency").GetString(), r.GetProperty("valid_days").GetInt32()));
        Assert.Equal(("2000.00", "CNY", 90), architect["role_certification"]);
        Assert.Equal(("500.00", "CNY", 30), architect["role_selection"]);
    }

    /// <summary>One grant, one coupon and one CouponIssued per kind for the partner, and nothing else.</summary>
    private async Task AssertOneVoucherEachAsync(Guid partner, params string[] kinds)
    {
        await using var db = api.Db();
        var grants = await db.TestVoucherGrants.Where(g => g.PartnerId == partner).ToListAsync();
        Assert.Equal(kinds.Order(), grants.Select(g => SnakeCase(g.Kind)).Order());
        var coupons = await db.Coupons.Where(c => c.CustomerId == partner).Select(c => c.Id).ToListAsync();
        Assert.Equal(grants.Select(g => g.CouponId).Order(), coupons.Order());
        var issued = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_type LIKE '%CouponIssued%' AND payload->>'customerId' = {partner.ToString()}")
            .SingleAsync();
        Assert.Equal(kinds.Length, issued);
    }

    private static string SnakeCase(TestVoucherKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
