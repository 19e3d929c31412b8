using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

/// <summary>identity-api's enums at <c>GET /v2/reference/{enum}</c>, anonymous, spelled as the API writes them.</summary>
[Collection(SharedApi.Name)]
public sealed class ReferenceEnumTests(SharedApi shared)
{
    [Theory]
    [InlineData("association-types", "referral,reseller")]
    [InlineData("reseller-link-statuses", "active,suspended,unlinked")]
    [InlineData("programmes", "solution_provider,distributor,cloud_reseller,gov_subsidy")]
    [InlineData("vendor-roles", "admin,ecosystem_manager,pdm,psm,ops")]
    [InlineData("invitation-link-statuses", "valid,expired,used")]
    [InlineData("customer-warning-kinds", "low_balance,arrears,resources_expiring")]
    public async Task An_enum_of_the_api_answers_its_values_in_snake_case(string name, string values)
    {
        using var response = await shared.Api.GetAsync("/v2/reference/" + name);

        var body = await ProblemAssert.IsSuccess(response);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(values.Split(",").Order(StringComparer.Ordinal), body.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    [Fact]
    public async Task The_permission_items_are_an_enum_too()
    {
        var body = await ProblemAssert.IsSuccess(await shared.Api.GetAsync("/v2/reference/permission-items"));

        Assert.Contains("customers.create", body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task An_unknown_enum_is_not_found_with_a_code() =>
        await ProblemAssert.IsProblem(await shared.Api.GetAsync("/v2/reference/no-such-things"), HttpStatusCode.NotFound, "CBC.0156");

    [Fact]
    public async Task The_error_catalogue_keeps_its_own_path() =>
        Assert.True((await ProblemAssert.IsSuccess(await shared.Api.GetAsync("/v2/reference/error-codes"))).ValueKind != System.Text.Json.JsonValueKind.Undefined);
}
