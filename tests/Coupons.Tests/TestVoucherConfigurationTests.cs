using System.Net;
using Coupons.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Identity;

namespace Coupons.Tests;

/// <summary>What each kind of role test voucher gives comes from its own settings (a host of its own).</summary>
public sealed class TestVoucherConfigurationTests(ConfiguredTestVouchersApiFactory api) : IClassFixture<ConfiguredTestVouchersApiFactory>
{
    private const string Vouchers = "/v2/promotions/benefits/test-vouchers";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Each_kind_gives_what_its_own_settings_say_and_configured_roles_replace_the_default_ones()
    {
        using var anonymous = api.Client(null);
        var roles = (await (await anonymous.GetAsync("/v2/reference/test-voucher-roles")).IsSuccess()).EnumerateArray()
            .Select(r => (
                r.GetProperty("kind").GetString(), r.GetProperty("role").GetString(), r.GetProperty("face_value").GetRawText(),
                r.GetProperty("currency").GetString(), r.GetProperty("valid_days").GetInt32()));
        Assert.Equal(
            [
                ("role_certification", "data_engineer", "800.00", "USD", 60),
                ("role_selection", "data_engineer", "120.50", "USD", 14),
                ("role_selection", "solution_architect", "300.00", "CNY", 90),
            ],
            roles);

        var partner = await _scenario.NewPartnerAsync();
        await api.PublishAsync(new PartnerPathStageChanged(partner, "registered", "role_certified", _scenario.Now));
        await api.EventuallyAsync(db => db.PartnerPathStages.AnyAsync(s => s.PartnerId == partner), "path stage");
        using var client = _scenario.ClientFor(partner);

        var selection = (await (await client.PostIdempotentAsync(Vouchers, new { role = "data_engineer", kind = "role_selection" }))
            .IsSuccess(HttpStatusCode.Created)).GetProperty("coupon");
        var certification = (await (await client.PostIdempotentAsync(Vouchers, new { role = "data_engineer" }))
            .IsSuccess(HttpStatusCode.Created)).GetProperty("coupon");
        await (await client.PostIdempotentAsync(Vouchers, new { role = "solution_architect" })).IsProblem(HttpStatusCode.BadRequest, "CBC.0100");

        Assert.Equal(("120.50", "USD", TimeSpan.FromDays(14)), Terms(selection));
        Assert.Equal(("800.00", "USD", TimeSpan.FromDays(60)), Terms(certification));
    }

    private static (string, string?, TimeSpan) Terms(System.Text.Json.JsonElement coupon) => (
        coupon.GetProperty("face_value").GetRawText(),
        coupon.GetProperty("currency").GetString(),
        coupon.GetProperty("expire_time").GetDateTimeOffset() - coupon.GetProperty("valid_time").GetDateTimeOffset());
}

/// <summary>coupons-api with both kinds of role test voucher configured (environment: <c>Coupons__…</c>).</summary>
public sealed class ConfiguredTestVouchersApiFactory : CouponsApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Coupons:TestVoucherRoles:data_engineer:FaceValue", "800");
        builder.UseSetting("Coupons:TestVoucherRoles:data_engineer:Currency", "USD");
        builder.UseSetting("Coupons:TestVoucherRoles:data_engineer:ValidDays", "60");
        builder.UseSetting("Coupons:RoleSelectionTestVoucherRoles:data_engineer:FaceValue", "120.5");
        builder.UseSetting("Coupons:RoleSelectionTestVoucherRoles:data_engineer:Currency", "USD");
        builder.UseSetting("Coupons:RoleSelectionTestVoucherRoles:data_engineer:ValidDays", "14");
        builder.UseSetting("Coupons:RoleSelectionTestVoucherRoles:solution_architect:FaceValue", "300");
    }
}
