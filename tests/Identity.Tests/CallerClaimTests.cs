using System.Net;
using Identity.Tests.Support;
using PartnerPlatform.ServiceDefaults;

namespace Identity.Tests;

/// <summary>A token whose id claims are not ids is refused with a code, never answered with a server error.</summary>
[Collection(SharedApi.Name)]
public sealed class CallerClaimTests(SharedApi shared)
{
    private static string TokenFor(string? userId = null, string? partnerId = null, string? customerId = null) => TestTokens.For(new CurrentCaller
    {
        IsAuthenticated = true,
        UserId = userId ?? Guid.NewGuid().ToString(),
        PartnerId = partnerId,
        CustomerId = customerId,
        Programmes = new HashSet<string>(["solution_provider"], StringComparer.Ordinal),
        Permissions = Identity.Api.Domain.PermissionItems.All.ToHashSet(StringComparer.Ordinal),
    });

    [Theory]
    [InlineData("GET", "/v2/partners/profile")]
    [InlineData("POST", "/v2/partners/sub-customers/query")]
    [InlineData("GET", "/v2/partners/members/")]
    [InlineData("POST", "/v2/partners/members/roles")]
    public async Task A_partner_token_whose_partner_id_is_not_an_id_is_refused_403(string method, string path)
    {
        var token = TokenFor(partnerId: "not-a-partner-id");

        using var response = await shared.Api.SendAsync(new HttpMethod(method), path, method == "GET" ? null : new { name = "sales", permissions = Array.Empty<string>() }, token, null);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_token_whose_user_id_is_not_an_id_is_refused_401_where_the_acting_account_counts()
    {
        var token = TokenFor(userId: "user-1");

        using var response = await shared.Api.PostAsync("/v2/partners/members/invitations/accept", new { token = "any" }, token);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized, "CBC.0154");
    }

    [Fact]
    public async Task A_customer_token_whose_customer_id_is_not_an_id_is_refused_403()
    {
        var token = TokenFor(customerId: "c-9");

        using var response = await shared.Api.GetAsync("/v2/partners/sub-customers/me/association", token);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_well_formed_test_token_of_a_registered_partner_is_accepted()
    {
        var partner = await shared.Api.RegisterPartnerAsync();
        var token = TokenFor(partnerId: partner.PartnerId.ToString());

        using var response = await shared.Api.GetAsync("/v2/partners/profile", token);

        var profile = await ProblemAssert.IsSuccess(response);
        Assert.Equal(partner.PartnerId, profile.GetProperty("partner_id").GetGuid());
    }
}
