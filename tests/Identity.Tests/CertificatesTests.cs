using System.Net;
using Identity.Tests.Support;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class CertificatesTests(SharedApi shared)
{
    private const string Mine = "/v2/partners/members/me/certificates";
    private const string Shared = "/v2/partners/members/certificates";

    private Scenario Api => shared.Api;

    private static string Today(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_bound_personal_accounts_certificates_are_shared_with_its_partner_until_it_leaves()
    {
        var partner = await Api.RegisterPartnerAsync();
        var other = await Api.RegisterPartnerAsync();
        var person = await BoundPersonAsync(partner);
        var added = await (await AddAsync(person.Token, "HCIP", "Cloud Service", "hcip-0001", Today(-30), Today(1000))).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal("hcip", added.GetProperty("level").GetString());
        Assert.Equal("HCIP-0001", added.GetProperty("number").GetString());

        var sharedList = await (await Api.GetAsync(Shared, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, sharedList.GetProperty("total_count").GetInt32());
        Assert.Equal(person.UserName, sharedList.GetProperty("certificates")[0].GetProperty("holder_user_name").GetString());
        Assert.Equal(added.GetProperty("certificate_id").GetGuid(), sharedList.GetProperty("certificates")[0].GetProperty("certificate_id").GetGuid());
        var notShared = await (await Api.GetAsync(Shared, other.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, notShared.GetProperty("total_count").GetInt32());
        var bound = await (await Api.GetAsync("/v2/partners/members/me/partners", person.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(partner.PartnerId, Assert.Single(bound.GetProperty("partners").EnumerateArray()).GetProperty("partner_id").GetGuid());

        await (await Api.DeleteAsync($"/v2/partners/members/me/partners/{other.PartnerId}", person.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.DeleteAsync($"/v2/partners/members/me/partners/{partner.PartnerId}", person.Token)).StatusCode);

        var afterLeaving = await (await Api.GetAsync(Shared, partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, afterLeaving.GetProperty("total_count").GetInt32());
        var own = await (await Api.GetAsync(Mine, person.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, own.GetProperty("total_count").GetInt32());
        await (await Api.DeleteAsync($"/v2/partners/members/me/partners/{partner.PartnerId}", person.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        Assert.Equal(1, await shared.CountOutboxAsync("MemberCertificateAdded", added.GetProperty("certificate_id").GetGuid()));
        Assert.Equal(1, await shared.CountOutboxAsync("MemberPartnerBindingEnded", partner.PartnerId));
    }

    [Fact]
    public async Task Certificates_are_validated_with_codes()
    {
        var person = await Api.RegisterCustomerAccountAsync();
        await (await AddAsync(person.Token, "HCXX", "Datacom", "n-1", Today(-10), Today(300))).AssertErrorAsync("CBC.99001053", HttpStatusCode.BadRequest);
        await (await AddAsync(person.Token, "hcia", "Datacom", "n-1", Today(-10), Today(-20))).AssertErrorAsync("CBC.99001054", HttpStatusCode.BadRequest);
        await (await AddAsync(person.Token, "hcia", "Datacom", "n-1", Today(-10), Today(-10))).AssertErrorAsync("CBC.99001054", HttpStatusCode.BadRequest);
        var missing = await (await AddAsync(person.Token, "hcia", null, null, Today(-10), Today(300))).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("track", out _));
        Assert.True(missing.GetProperty("errors").TryGetProperty("number", out _));
        await (await AddAsync(person.Token, "hcia", "Datacom", "n-1", Today(5), Today(300))).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);

        await (await AddAsync(person.Token, "hcia", "Datacom", "n-1", Today(-10), Today(300))).ReadJsonAsync(HttpStatusCode.Created);
        await (await AddAsync(person.Token, "hcie", "Security", " N-1 ", Today(-10), Today(300))).AssertErrorAsync("CBC.99001055", HttpStatusCode.Conflict);
        var other = await Api.RegisterCustomerAccountAsync();
        await (await AddAsync(other.Token, "hcia", "Datacom", "n-1", Today(-10), Today(300))).ReadJsonAsync(HttpStatusCode.Created);

        var partner = await Api.RegisterPartnerAsync();
        await (await AddAsync(partner.Token, "hcia", "Datacom", "n-2", Today(-10), Today(300))).AssertErrorAsync("CBC.0150", HttpStatusCode.Conflict);
        var own = await (await Api.GetAsync(Mine, person.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, own.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task The_same_number_added_at_once_is_kept_once()
    {
        var person = await Api.RegisterCustomerAccountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AddAsync(person.Token, "hcie", "Cloud Service", "HCIE-777", Today(-1), Today(1000))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertErrorAsync("CBC.99001055", HttpStatusCode.Conflict);
        }

        var own = await (await Api.GetAsync(Mine, person.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, own.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task The_partner_filters_shared_certificates_by_level_and_expiry_and_pages_them()
    {
        var partner = await Api.RegisterPartnerAsync();
        var first = await BoundPersonAsync(partner);
        var second = await BoundPersonAsync(partner);
        await (await AddAsync(first.Token, "hcia", "Datacom", "a-1", Today(-700), Today(10))).ReadJsonAsync(HttpStatusCode.Created);
        await (await AddAsync(first.Token, "hcip", "Datacom", "p-1", Today(-100), Today(200))).ReadJsonAsync(HttpStatusCode.Created);
        await (await AddAsync(second.Token, "hcie", "Security", "e-1", Today(-2000), Today(-5))).ReadJsonAsync(HttpStatusCode.Created);
        await (await AddAsync(second.Token, "hcip", "Security", "p-2", Today(-100), Today(25))).ReadJsonAsync(HttpStatusCode.Created);

        var hcip = await (await Api.GetAsync(Shared + "?level=hcip", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["P-2", "P-1"], hcip.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToArray());
        var expiring = await (await Api.GetAsync(Shared + "?expiring_within_days=30", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["A-1", "P-2"], expiring.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToArray());
        var both = await (await Api.GetAsync(Shared + "?level=hcip&expiring_within_days=30", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, both.GetProperty("total_count").GetInt32());
        var page = await (await Api.GetAsync(Shared + "?offset=1&limit=2", partner.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, page.GetProperty("total_count").GetInt32());
        Assert.Equal(["A-1", "P-2"], page.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("number").GetString()!).ToArray());

        await (await Api.GetAsync(Shared + "?level=hcxx", partner.Token)).AssertErrorAsync("CBC.99001053", HttpStatusCode.BadRequest);
        await (await Api.GetAsync(Shared + "?expiring_within_days=0", partner.Token)).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        var member = await Api.CreateMemberAsync(partner);
        await (await Api.GetAsync(Shared, member.Token)).AssertErrorAsync("CBC.0155", HttpStatusCode.Forbidden);
    }

    private Task<HttpResponseMessage> AddAsync(string token, string? level, string? track, string? number, string issuedOn, string expiresOn) =>
        Api.PostAsync(Mine, new { level, track, number, issued_on = issuedOn, expires_on = expiresOn }, token);

    /// <summary>A personal account bound to the partner through an accepted member invitation.</summary>
    private async Task<CustomerSession> BoundPersonAsync(PartnerSession partner)
    {
        var email = Scenario.UniqueEmail();
        await (await Api.PostAsync("/v2/partners/members/invitations", new { channel = "email", address = email }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        var person = await Api.RegisterCustomerAccountAsync();
        await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token = Scenario.TokenOf(shared.Factory.Notifications.LatestLink(email)) }, person.Token))
            .ReadJsonAsync(HttpStatusCode.OK);
        return person;
    }
}
