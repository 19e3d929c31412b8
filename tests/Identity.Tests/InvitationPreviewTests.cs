using System.Net;
using System.Text.Json;
using Identity.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Identity.Tests;

/// <summary>Links as anyone holding them sees them before signing in: no token, nothing changed.</summary>
[Collection(SharedApi.Name)]
public sealed class InvitationPreviewTests(SharedApi shared)
{
    private Scenario Api => shared.Api;

    [Fact]
    public async Task An_online_invitation_link_previews_without_a_token_as_valid_with_the_inviting_partner_and_its_expiry()
    {
        var partner = await Api.RegisterPartnerAsync();
        var (invitation, token) = await InvitationPreviews.SendOnlineAsync(Api, partner, type: "referral");

        var preview = await (await InvitationPreviews.CustomerAsync(Api, token)).ReadJsonAsync(HttpStatusCode.OK);

        InvitationPreviews.AssertShape(preview);
        Assert.Equal("customer_online", preview.GetProperty("kind").GetString());
        Assert.Equal("Company " + partner.UserName, preview.GetProperty("partner_name").GetString());
        Assert.Equal("referral", preview.GetProperty("association_type").GetString());
        Assert.Equal(invitation.GetProperty("expires_at").GetString(), preview.GetProperty("expires_at").GetString());
        Assert.Equal("valid", preview.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("channel").ValueKind);
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("address").ValueKind);
    }

    [Fact]
    public async Task An_offline_invitation_link_previews_as_valid_and_never_expiring_even_after_customers_used_it()
    {
        var partner = await Api.RegisterPartnerAsync();
        var token = await Api.OfflineInvitationTokenAsync(partner, "reseller");
        (await Api.AcceptInvitationAsync(await Api.RegisterCustomerAccountAsync(), token)).EnsureSuccessStatusCode();

        var preview = await (await InvitationPreviews.CustomerAsync(Api, token)).ReadJsonAsync(HttpStatusCode.OK);

        InvitationPreviews.AssertShape(preview);
        Assert.Equal("customer_offline", preview.GetProperty("kind").GetString());
        Assert.Equal("Company " + partner.UserName, preview.GetProperty("partner_name").GetString());
        Assert.Equal("reseller", preview.GetProperty("association_type").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("expires_at").ValueKind);
        Assert.Equal("valid", preview.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("email")]
    [InlineData("mobile")]
    public async Task A_member_invitation_link_previews_with_its_channel_and_the_address_masked(string channel)
    {
        var partner = await Api.RegisterPartnerAsync();
        var address = channel == "email" ? Scenario.UniqueEmail() : Scenario.UniqueMobile();
        var (invitation, token) = await InvitationPreviews.InviteMemberAsync(Api, partner, channel, address);

        var response = await InvitationPreviews.MemberAsync(Api, token);
        var preview = await response.ReadJsonAsync(HttpStatusCode.OK);

        InvitationPreviews.AssertShape(preview);
        Assert.DoesNotContain(address, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("member", preview.GetProperty("kind").GetString());
        Assert.Equal("Company " + partner.UserName, preview.GetProperty("partner_name").GetString());
        Assert.Equal(channel, preview.GetProperty("channel").GetString());
        var expectedAddress = channel == "email" ? address[0] + "***@example.com" : address[..8] + "****" + address[^4..];
        Assert.Equal(expectedAddress, preview.GetProperty("address").GetString());
        Assert.Equal(invitation.GetProperty("address").GetString(), preview.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("association_type").ValueKind);
        Assert.Equal(invitation.GetProperty("expires_at").GetString(), preview.GetProperty("expires_at").GetString());
        Assert.Equal("valid", preview.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_used_online_link_and_an_accepted_member_link_preview_as_used()
    {
        var partner = await Api.RegisterPartnerAsync();
        var (_, online) = await InvitationPreviews.SendOnlineAsync(Api, partner);
        var (_, member) = await InvitationPreviews.InviteMemberAsync(Api, partner, "email", Scenario.UniqueEmail());
        (await Api.AcceptInvitationAsync(await Api.RegisterCustomerAccountAsync(), online)).EnsureSuccessStatusCode();
        var person = await Api.RegisterCustomerAccountAsync();
        (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token = member }, person.Token)).EnsureSuccessStatusCode();

        var onlinePreview = await (await InvitationPreviews.CustomerAsync(Api, online)).ReadJsonAsync(HttpStatusCode.OK);
        var memberPreview = await (await InvitationPreviews.MemberAsync(Api, member)).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal("used", onlinePreview.GetProperty("status").GetString());
        Assert.Equal("used", memberPreview.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_tampered_foreign_or_unknown_link_answers_the_invalid_link_code_and_nothing_that_tells_them_apart()
    {
        var partner = await Api.RegisterPartnerAsync();
        var (_, online) = await InvitationPreviews.SendOnlineAsync(Api, partner);
        var (_, member) = await InvitationPreviews.InviteMemberAsync(Api, partner, "email", Scenario.UniqueEmail());
        var keyRing = shared.Factory.Services.GetRequiredService<IDataProtectionProvider>();
        string NoSuchInvitation(string purpose) => keyRing.CreateProtector(purpose).Protect(Guid.NewGuid().ToString("N"));

        var answers = new List<HttpResponseMessage>
        {
            await InvitationPreviews.CustomerAsync(Api, InvitationPreviews.Tamper(online)),
            await InvitationPreviews.CustomerAsync(Api, "not-a-token"),
            await InvitationPreviews.CustomerAsync(Api, NoSuchInvitation("Identity.CustomerInvitation")),
            await InvitationPreviews.CustomerAsync(Api, member),
            await InvitationPreviews.MemberAsync(Api, InvitationPreviews.Tamper(member)),
            await InvitationPreviews.MemberAsync(Api, "not-a-token"),
            await InvitationPreviews.MemberAsync(Api, NoSuchInvitation("Identity.MemberInvitation")),
            await InvitationPreviews.MemberAsync(Api, online),
        };

        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var problem = await answer.AssertErrorAsync("CBC.99000053", HttpStatusCode.BadRequest);
            messages.Add(problem.GetProperty("error_msg").GetString()!);
            Assert.False(problem.TryGetProperty("errors", out _));
        }

        Assert.Single(messages);
        await (await InvitationPreviews.CustomerAsync(Api, online)).ReadJsonAsync(HttpStatusCode.OK);
        await (await Api.GetAsync("/v2/partners/sub-customers/invitations/preview")).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
        await (await Api.GetAsync("/v2/partners/members/invitations/preview?token=%20")).AssertErrorAsync("CBC.0100", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Previewing_a_link_many_times_changes_nothing_and_the_link_is_still_accepted_afterwards()
    {
        var partner = await Api.RegisterPartnerAsync();
        var (online, onlineToken) = await InvitationPreviews.SendOnlineAsync(Api, partner);
        var (member, memberToken) = await InvitationPreviews.InviteMemberAsync(Api, partner, "mobile", Scenario.UniqueMobile());
        var onlineRow = await RowAsync("customer_invitations", online.GetProperty("invitation_id").GetGuid());
        var memberRow = await RowAsync("member_invitations", member.GetProperty("invitation_id").GetGuid());

        var previews = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? InvitationPreviews.CustomerAsync(Api, onlineToken)
            : InvitationPreviews.MemberAsync(Api, memberToken)));

        foreach (var preview in previews)
        {
            Assert.Equal("valid", (await preview.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString());
            Assert.True(preview.Headers.CacheControl?.NoStore, "A preview must not be stored by caches.");
        }

        Assert.Equal(onlineRow, await RowAsync("customer_invitations", online.GetProperty("invitation_id").GetGuid()));
        Assert.Equal(memberRow, await RowAsync("member_invitations", member.GetProperty("invitation_id").GetGuid()));
        var customer = await Api.RegisterCustomerAccountAsync();
        var association = await (await Api.AcceptInvitationAsync(customer, onlineToken)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(partner.PartnerId, association.GetProperty("partner_id").GetGuid());
        var person = await Api.RegisterCustomerAccountAsync();
        await (await Api.PostAsync("/v2/partners/members/invitations/accept", new { token = memberToken }, person.Token)).ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signed_in_caller_sees_the_same_preview_as_an_anonymous_one()
    {
        var partner = await Api.RegisterPartnerAsync();
        var token = await Api.OfflineInvitationTokenAsync(partner);
        var customer = await Api.RegisterCustomerAccountAsync();

        var anonymous = await (await InvitationPreviews.CustomerAsync(Api, token)).Content.ReadAsStringAsync();
        var signedIn = await (await Api.GetAsync(InvitationPreviews.CustomerPath(token), customer.Token)).Content.ReadAsStringAsync();

        Assert.Equal(anonymous, signedIn);
    }

    /// <summary>The row as PostgreSQL holds it, with its row version: any write changes it.</summary>
    private async Task<string> RowAsync(string table, Guid id)
    {
        await using var connection = new NpgsqlConnection(shared.Factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT t.xmin::text || ' ' || t::text FROM {table} t WHERE t.id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>Expiry as the preview reports it, against a clock of its own.</summary>
public sealed class InvitationPreviewTimeTests(IdentityApiFactory factory) : IClassFixture<IdentityApiFactory>
{
    [Fact]
    public async Task Online_and_member_links_preview_as_expired_from_their_expiry_while_offline_and_used_links_keep_their_status()
    {
        var api = factory.Api;
        var partner = await api.RegisterPartnerAsync();
        var (online, onlineToken) = await InvitationPreviews.SendOnlineAsync(api, partner);
        var (_, usedToken) = await InvitationPreviews.SendOnlineAsync(api, partner);
        var (_, memberToken) = await InvitationPreviews.InviteMemberAsync(api, partner, "email", Scenario.UniqueEmail());
        var offlineToken = await api.OfflineInvitationTokenAsync(partner);
        (await api.AcceptInvitationAsync(await api.RegisterCustomerAccountAsync(), usedToken)).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal("valid", await StatusAsync(InvitationPreviews.CustomerAsync(api, onlineToken)));
        Assert.Equal("valid", await StatusAsync(InvitationPreviews.MemberAsync(api, memberToken)));

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await (await InvitationPreviews.CustomerAsync(api, onlineToken)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal(online.GetProperty("expires_at").GetString(), expired.GetProperty("expires_at").GetString());
        Assert.Equal("expired", await StatusAsync(InvitationPreviews.MemberAsync(api, memberToken)));
        Assert.Equal("used", await StatusAsync(InvitationPreviews.CustomerAsync(api, usedToken)));
        Assert.Equal("valid", await StatusAsync(InvitationPreviews.CustomerAsync(api, offlineToken)));

        // What the preview says is what acceptance answers.
        await (await api.AcceptInvitationAsync(await api.RegisterCustomerAccountAsync(), onlineToken)).AssertErrorAsync("CBC.99000054", HttpStatusCode.BadRequest);
        await (await api.PostAsync("/v2/partners/members/invitations/accept", new { token = memberToken }, (await api.RegisterCustomerAccountAsync()).Token))
            .AssertErrorAsync("CBC.99000054", HttpStatusCode.BadRequest);
    }

    private static async Task<string?> StatusAsync(Task<HttpResponseMessage> preview) =>
        (await (await preview).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString();
}

/// <summary>Previews are anonymous, so the service limits them like sign-in and sign-up.</summary>
public sealed class InvitationPreviewRateLimitTests(InvitationPreviewRateLimitTests.ThreePerMinute factory)
    : IClassFixture<InvitationPreviewRateLimitTests.ThreePerMinute>
{
    public sealed class ThreePerMinute : IdentityApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["RateLimiting:Limit"] = "3", ["RateLimiting:Window"] = "00:01:00" };
    }

    [Fact]
    public async Task An_anonymous_caller_gets_three_previews_a_minute_per_kind_and_then_429()
    {
        var api = factory.Api;

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await InvitationPreviews.CustomerAsync(api, "not-a-token"));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        await answers[3].AssertErrorAsync("CBC.0250", HttpStatusCode.TooManyRequests);
        Assert.NotNull(answers[3].Headers.RetryAfter);
        await (await InvitationPreviews.MemberAsync(api, "not-a-token")).AssertErrorAsync("CBC.99000053", HttpStatusCode.BadRequest);
    }
}

/// <summary>Making invitations and calling the two preview endpoints without a token.</summary>
internal static class InvitationPreviews
{
    public static string CustomerPath(string token) => "/v2/partners/sub-customers/invitations/preview?token=" + Uri.EscapeDataString(token);

    public static Task<HttpResponseMessage> CustomerAsync(Scenario api, string token) => api.GetAsync(CustomerPath(token));

    public static Task<HttpResponseMessage> MemberAsync(Scenario api, string token) =>
        api.GetAsync("/v2/partners/members/invitations/preview?token=" + Uri.EscapeDataString(token));

    /// <summary>An emailed invitation of a fresh pre-registration: the created invitation and the link's token.</summary>
    public static async Task<(JsonElement Invitation, string Token)> SendOnlineAsync(Scenario api, PartnerSession partner, string? type = null)
    {
        var email = Scenario.UniqueEmail();
        var registration = await api.RegisterProspectAsync(partner, email: email, type: type);
        var invitation = await (await api.PostAsync($"/v2/partners/sub-customers/registrations/{registration}/invitations", null, partner.Token))
            .ReadJsonAsync(HttpStatusCode.Created);
        return (invitation, Scenario.TokenOf(api.Factory.Notifications.LatestLink(email)));
    }

    public static async Task<(JsonElement Invitation, string Token)> InviteMemberAsync(Scenario api, PartnerSession partner, string channel, string address)
    {
        var invitation = await (await api.PostAsync("/v2/partners/members/invitations", new { channel, address }, partner.Token)).ReadJsonAsync(HttpStatusCode.Created);
        return (invitation, Scenario.TokenOf(api.Factory.Notifications.LatestLink(address)));
    }

    /// <summary>The token with one character in its middle changed.</summary>
    public static string Tamper(string token)
    {
        var middle = token.Length / 2;
        return token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
    }

    /// <summary>Exactly the documented fields: no ids, nothing more about the partner or the invitee.</summary>
    public static void AssertShape(JsonElement preview) =>
        Assert.Equal(
            ["address", "association_type", "channel", "expires_at", "kind", "partner_name", "status"],
            preview.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
}
