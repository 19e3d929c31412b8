using System.Net;
using Identity.Tests.Support;
using Npgsql;

namespace Identity.Tests;

[Collection(SharedApi.Name)]
public sealed class ConsentTests(SharedApi shared)
{
    private const string Accept = "/v2/partners/sub-customers/me/invitations/accept";

    private Scenario Api => shared.Api;

    [Fact]
    public async Task A_customer_joining_through_a_link_records_what_it_accepted_and_sees_it()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.RegisterCustomerAccountAsync(Scenario.UniqueEmail());
        var token = await Api.OfflineInvitationTokenAsync(partner);
        var documents = await Api.DocumentsInForceAsync(customer.Token);

        var accepted = await (await Api.PostAsync(Accept, new { token, accepted_documents = documents }, customer.Token,
            new Dictionary<string, string> { ["User-Agent"] = "ConsentTests/1.0" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(partner.PartnerId, accepted.GetProperty("partner_id").GetGuid());

        var mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total_count").GetInt32());
        var consent = mine.GetProperty("consents")[0];
        Assert.Equal(customer.CustomerId, consent.GetProperty("customer_id").GetGuid());
        Assert.Equal(partner.PartnerId, consent.GetProperty("partner_id").GetGuid());
        Assert.Equal("Company " + partner.UserName, consent.GetProperty("partner_name").GetString());
        Assert.Equal("127.0.0.1", consent.GetProperty("client_ip").GetString());
        Assert.Equal("ConsentTests/1.0", consent.GetProperty("user_agent").GetString());
        Assert.Equal(
            ["user_agreement:2026-01", "privacy_policy:2026-01", "account_data_transfer:2026-01"],
            consent.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString() + ":" + d.GetProperty("version").GetString()).ToArray());
        Assert.Equal(
            ["account_name", "mobile_phone", "email", "country_region", "account_id", "status"],
            consent.GetProperty("transferred_data").EnumerateArray().Select(d => d.GetString()!).ToArray());

        var vendor = await Api.LoginVendorAdminAsync();
        var seenByStaff = await (await Api.GetAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/consents", vendor)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(consent.GetProperty("consent_id").GetGuid(), seenByStaff.GetProperty("consents")[0].GetProperty("consent_id").GetGuid());
        Assert.Equal(1, await shared.CountOutboxAsync("CustomerConsentRecorded", customer.CustomerId));
    }

    [Fact]
    public async Task A_join_without_every_acceptance_is_refused_and_writes_nothing()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.RegisterCustomerAccountAsync();
        var token = await Api.OfflineInvitationTokenAsync(partner);
        var documents = await Api.DocumentsInForceAsync(customer.Token);

        var problem = await (await Api.PostAsync(Accept, new { token, accepted_documents = documents.Take(2).ToArray() }, customer.Token))
            .AssertErrorAsync("CBC.99001050", HttpStatusCode.BadRequest);
        Assert.Contains("account_data_transfer", problem.GetProperty("errors").GetProperty("accepted_documents")[0].GetString());
        await (await Api.PostAsync(Accept, new { token }, customer.Token)).AssertErrorAsync("CBC.99001050", HttpStatusCode.BadRequest);
        await (await Api.PostAsync(Accept, new { token, accepted_documents = new[] { new { kind = "cookie_policy", version = "1" } } }, customer.Token))
            .AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);

        await (await Api.GetAsync("/v2/partners/sub-customers/me/association", customer.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
        var mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, mine.GetProperty("total_count").GetInt32());
        Assert.Equal(0, await shared.CountOutboxAsync("CustomerConsentRecorded", customer.CustomerId));
    }

    [Fact]
    public async Task A_join_with_a_version_not_in_force_is_refused()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.RegisterCustomerAccountAsync();
        var token = await Api.OfflineInvitationTokenAsync(partner);
        var outdated = new[]
        {
            new { kind = "user_agreement", version = "2026-01" },
            new { kind = "privacy_policy", version = "2025-06" },
            new { kind = "account_data_transfer", version = "2026-01" },
        };

        var problem = await (await Api.PostAsync(Accept, new { token, accepted_documents = outdated }, customer.Token))
            .AssertErrorAsync("CBC.99001051", HttpStatusCode.Conflict);
        Assert.Contains("privacy_policy", problem.GetProperty("errors").GetProperty("accepted_documents")[0].GetString());
        await (await Api.GetAsync("/v2/partners/sub-customers/me/association", customer.Token)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refused_join_keeps_no_consent_and_racing_links_record_one()
    {
        var customer = await Api.RegisterCustomerAccountAsync();
        var partners = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Api.RegisterPartnerAsync()));
        var tokens = await Task.WhenAll(partners.Select(p => Api.OfflineInvitationTokenAsync(p)));

        var responses = await Task.WhenAll(tokens.Select(t => Api.AcceptInvitationAsync(customer, t)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total_count").GetInt32());
        var association = await (await Api.GetAsync("/v2/partners/sub-customers/me/association", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(association.GetProperty("partner_id").GetGuid(), mine.GetProperty("consents")[0].GetProperty("partner_id").GetGuid());
        Assert.Equal(1, await shared.CountOutboxAsync("CustomerConsentRecorded", customer.CustomerId));

        await (await Api.AcceptInvitationAsync(customer, await Api.OfflineInvitationTokenAsync(await Api.RegisterPartnerAsync())))
            .AssertErrorAsync("CBC.99000056", HttpStatusCode.Conflict);
        mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Partners_never_see_consents_and_customers_see_only_their_own()
    {
        var partner = await Api.RegisterPartnerAsync();
        var customer = await Api.AssociatedCustomerAsync(partner);
        var other = await Api.AssociatedCustomerAsync(await Api.RegisterPartnerAsync());

        await (await Api.GetAsync($"/v2/vendor/partners/customers/{customer.CustomerId}/consents", partner.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", partner.Token)).AssertErrorAsync("CBC.0151", HttpStatusCode.Forbidden);
        var theirs = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", other.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.All(theirs.GetProperty("consents").EnumerateArray(), c => Assert.Equal(other.CustomerId, c.GetProperty("customer_id").GetGuid()));
        Assert.Equal(1, theirs.GetProperty("total_count").GetInt32());

        var vendor = await Api.LoginVendorAdminAsync();
        await (await Api.GetAsync($"/v2/vendor/partners/customers/{Guid.NewGuid()}/consents", vendor)).AssertErrorAsync("CBC.0156", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_consent_record_cannot_be_changed_or_deleted_in_the_database()
    {
        var customer = await Api.AssociatedCustomerAsync(await Api.RegisterPartnerAsync());
        await using var connection = new NpgsqlConnection(shared.Factory.DatabaseConnectionString);
        await connection.OpenAsync();
        string[] statements =
        [
            $"UPDATE customer_consents SET client_ip = '10.0.0.1' WHERE customer_id = '{customer.CustomerId}'",
            $"DELETE FROM customer_consent_documents WHERE consent_id IN (SELECT id FROM customer_consents WHERE customer_id = '{customer.CustomerId}')",
            $"UPDATE customer_consent_documents SET version = 'forged' WHERE consent_id IN (SELECT id FROM customer_consents WHERE customer_id = '{customer.CustomerId}')",
        ];

        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("immutable", refused.MessageText, StringComparison.Ordinal);
        }

        var mine = await (await Api.GetAsync("/v2/partners/sub-customers/me/consents", customer.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("127.0.0.1", mine.GetProperty("consents")[0].GetProperty("client_ip").GetString());
    }
}

/// <summary>A new document version configured ahead of its date: required from that date, not before.</summary>
public sealed class ConsentVersionTests(ConsentVersionTests.Factory factory) : IClassFixture<ConsentVersionTests.Factory>
{
    public sealed class Factory : IdentityApiFactory
    {
        public static readonly DateTimeOffset NewPrivacyPolicyFrom = DateTimeOffset.UtcNow.AddDays(10);

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Identity:Consent:Documents:3:Kind"] = "PrivacyPolicy",
            ["Identity:Consent:Documents:3:Version"] = "2027-01",
            ["Identity:Consent:Documents:3:EffectiveFrom"] = NewPrivacyPolicyFrom.ToString("O"),
        };
    }

    [Fact]
    public async Task A_version_comes_into_force_on_its_date_and_the_old_one_is_refused_after()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var early = await api.RegisterCustomerAccountAsync();
        var before = await api.DocumentsInForceAsync(early.Token);
        (await api.AcceptInvitationAsync(early, await api.OfflineInvitationTokenAsync(partner))).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromDays(11));
        partner = await api.SignInAgainAsync(partner);
        var late = await api.RegisterCustomerAccountAsync();
        var token = await api.OfflineInvitationTokenAsync(partner);
        var inForce = await (await api.GetAsync("/v2/partners/sub-customers/consent-documents", late.Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(inForce.GetProperty("documents").EnumerateArray(), d => d.GetProperty("kind").GetString() == "privacy_policy" && d.GetProperty("version").GetString() == "2027-01");

        await (await api.PostAsync("/v2/partners/sub-customers/me/invitations/accept", new { token, accepted_documents = before }, late.Token))
            .AssertErrorAsync("CBC.99001051", HttpStatusCode.Conflict);
        (await api.AcceptInvitationAsync(late, token)).EnsureSuccessStatusCode();
        var mine = await (await api.GetAsync("/v2/partners/sub-customers/me/consents", late.Token)).ReadJsonAsync(HttpStatusCode.OK);
        var privacy = mine.GetProperty("consents")[0].GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "privacy_policy");
        Assert.Equal("2027-01", privacy.GetProperty("version").GetString());

        var earlyConsents = await (await api.GetAsync("/v2/partners/sub-customers/me/consents", (await api.SignInAgainAsync(early)).Token)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(earlyConsents.GetProperty("consents")[0].GetProperty("documents").EnumerateArray(), d => d.GetProperty("version").GetString() == "2026-01" && d.GetProperty("kind").GetString() == "privacy_policy");
    }
}
