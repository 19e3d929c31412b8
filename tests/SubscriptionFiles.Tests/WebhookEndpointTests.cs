using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Api;
using SubscriptionFiles.Api.Application;
using SubscriptionFiles.Api.Domain;
using SubscriptionFiles.Api.Infrastructure;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>
/// Registering and managing endpoints on the service in its production configuration of webhooks
/// (<c>Webhooks:AllowLoopback</c> off): the SSRF refusals, validation, paging, audit and tenant isolation.
/// </summary>
public sealed class WebhookEndpointTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    private const string PublicUrl = "https://203.0.114.10/hooks";

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://127.10.0.1:8443/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://172.16.5.4/hooks")]
    [InlineData("https://192.168.1.20/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    [InlineData("https://224.0.0.1/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[::]/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://[fe80::1]/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://[::ffff:169.254.169.254]/hooks")]
    [InlineData("https://[64:ff9b::a00:1]/hooks")]
    [InlineData("https://localhost/hooks")]
    public async Task A_url_reaching_a_loopback_private_or_link_local_address_is_refused(string url)
    {
        using var client = api.Partner(Guid.NewGuid());

        var response = await client.PostAsJsonAsync("/v2/partners/webhooks", new { url, event_types = new[] { "CustomerAssociated" } });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, SubscriptionFilesErrors.WebhookAddressRefused.Code);
    }

    [Theory]
    [InlineData("http://203.0.114.10/hooks", "CBC.99009031")]
    [InlineData("http://127.0.0.1/hooks", "CBC.99009031")]
    [InlineData("ftp://203.0.114.10/hooks", "CBC.99009030")]
    [InlineData("/hooks", "CBC.99009030")]
    [InlineData("https://user:secret@203.0.114.10/hooks", "CBC.99009030")]
    [InlineData("https://no-such-host.invalid/hooks", "CBC.99009033")]
    public async Task A_url_that_is_not_https_or_not_valid_is_refused_with_its_code(string url, string code)
    {
        using var client = api.Partner(Guid.NewGuid());

        var response = await client.PostAsJsonAsync("/v2/partners/webhooks", new { url, event_types = new[] { "CustomerAssociated" } });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task A_change_to_a_refused_url_is_refused_and_the_endpoint_keeps_its_url()
    {
        using var client = api.Partner(Guid.NewGuid());
        var created = await ProblemAssert.IsSuccess(
            await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = new[] { "CustomerAssociated" } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var response = await client.PatchAsJsonAsync($"/v2/partners/webhooks/{id}", new { url = "https://169.254.169.254/" });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, SubscriptionFilesErrors.WebhookAddressRefused.Code);
        Assert.Equal(PublicUrl, (await ProblemAssert.IsSuccess(await client.GetAsync($"/v2/partners/webhooks/{id}"))).GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_sending_client_refuses_to_connect_to_loopback_even_for_a_url_accepted_before()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var client = api.Services.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookHttpClient.Name);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(receiver.Url, new StringContent("{}")));

        Assert.IsType<WebhookAddressRefusedException>(failure.InnerException);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_delivery_to_an_endpoint_that_now_resolves_to_loopback_is_refused_at_send_time_and_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partner = Guid.NewGuid();
        using var client = api.Partner(partner);
        var created = await ProblemAssert.IsSuccess(
            await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = new[] { "CustomerCreated" } }), HttpStatusCode.Created);
        var webhookId = created.GetProperty("id").GetGuid();
        var deliveryId = Guid.NewGuid();
        await using (var db = api.Db())
        {
            // As if the registered host resolved publicly at registration and to this machine now.
            await db.WebhookEndpoints.Where(e => e.Id == webhookId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Url, new Uri(receiver.Url.ToString().Replace("http://", "https://", StringComparison.Ordinal)).ToString()));
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = deliveryId, EndpointId = webhookId, PartnerId = partner, EventId = Guid.NewGuid(), EventType = "CustomerCreated", Body = "{}",
                Status = WebhookDeliveryStatus.Pending, NextAttemptAt = api.Clock.GetUtcNow().AddSeconds(-1), CreatedAt = api.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        await api.Services.GetRequiredService<WebhookSender>().SendDueAsync(CancellationToken.None);

        var attempt = Assert.Single((await ProblemAssert.IsSuccess(
            await client.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}/attempts"))).GetProperty("attempts").EnumerateArray());
        Assert.False(attempt.GetProperty("succeeded").GetBoolean());
        Assert.Contains("127.0.0.1", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public void The_address_rules_allow_public_addresses_and_refuse_every_internal_range()
    {
        var production = new WebhookAddressRules(Options.Create(new WebhooksOptions()));
        var testing = new WebhookAddressRules(Options.Create(new WebhooksOptions { AllowLoopback = true }));

        foreach (var allowed in new[] { "203.0.114.10", "8.8.8.8", "2606:4700::1111", "100.128.0.1", "172.32.0.1" })
        {
            Assert.True(production.IsAllowed(System.Net.IPAddress.Parse(allowed)), allowed);
        }

        foreach (var refused in new[] { "127.0.0.1", "::1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.127.255.254",
                     "0.0.0.0", "::", "239.1.1.1", "ff02::1", "fe80::1", "fc00::1", "fdff::1", "255.255.255.255", "::ffff:10.0.0.1" })
        {
            Assert.False(production.IsAllowed(System.Net.IPAddress.Parse(refused)), refused);
        }

        Assert.True(testing.IsAllowed(System.Net.IPAddress.Loopback));
        Assert.True(testing.IsAllowed(System.Net.IPAddress.IPv6Loopback));
        Assert.False(testing.IsAllowed(System.Net.IPAddress.Parse("10.0.0.1")), "loopback allowed never opens the private ranges");
        Assert.False(testing.IsAllowed(System.Net.IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public async Task Event_types_are_validated_against_the_catalogue()
    {
        using var client = api.Partner(Guid.NewGuid());
        var types = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/webhooks/event-types"));
        var names = types.GetProperty("event_types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("CustomerAssociated", names);
        Assert.Contains("WebhookEndpointPaused", names);

        await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = new[] { "CustomerAssociated", "PartnerRegistered" } }),
            HttpStatusCode.BadRequest, SubscriptionFilesErrors.WebhookEventTypeUnknown.Code);
        await ProblemAssert.IsProblem(
            await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = Array.Empty<string>() }),
            HttpStatusCode.BadRequest, SubscriptionFilesErrors.WebhookEventTypeUnknown.Code);
    }

    [Fact]
    public async Task Managing_webhooks_needs_the_partner_manage_permission()
    {
        using var member = api.PartnerMember(Guid.NewGuid());

        await ProblemAssert.IsProblem(await member.GetAsync("/v2/partners/webhooks"), HttpStatusCode.Forbidden, ErrorCodes.NoPermissionItem.Code);
        await ProblemAssert.IsProblem(
            await member.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = new[] { "CustomerAssociated" } }),
            HttpStatusCode.Forbidden, ErrorCodes.NoPermissionItem.Code);
    }

    [Fact]
    public async Task Endpoints_are_listed_by_page_changed_deleted_and_audited_and_the_secret_is_shown_only_when_issued()
    {
        var partner = Guid.NewGuid();
        using var client = api.Partner(partner);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var created = await ProblemAssert.IsSuccess(
                await client.PostAsJsonAsync("/v2/partners/webhooks", new { url = $"{PublicUrl}/{i}", event_types = new[] { "OpportunityWon", "OpportunityWon" } }),
                HttpStatusCode.Created);
            Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
            Assert.Equal(["OpportunityWon"], created.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
            ids.Add(created.GetProperty("id").GetGuid());
        }

        var page = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/webhooks?offset=1&limit=1"));
        Assert.Equal(3, page.GetProperty("total_count").GetInt64());
        var listed = Assert.Single(page.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(ids[1], listed.GetProperty("id").GetGuid());
        Assert.False(listed.TryGetProperty("secret", out var secret) && secret.ValueKind == System.Text.Json.JsonValueKind.String);

        var changed = await ProblemAssert.IsSuccess(await client.PatchAsJsonAsync(
            $"/v2/partners/webhooks/{ids[0]}", new { enabled = false, description = "CRM", event_types = new[] { "OpportunityLost" } }));
        Assert.Equal("disabled", changed.GetProperty("state").GetString());
        Assert.Equal("CRM", changed.GetProperty("description").GetString());
        await ProblemAssert.IsSuccess(await client.DeleteAsync($"/v2/partners/webhooks/{ids[2]}"), HttpStatusCode.NoContent);
        await ProblemAssert.IsProblem(await client.GetAsync($"/v2/partners/webhooks/{ids[2]}"), HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);

        var audit = await ProblemAssert.IsSuccess(await client.GetAsync("/v2/partners/webhooks/audit"));
        var entries = audit.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["deleted", "updated", "created", "created", "created"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("user-" + partner.ToString("N")[..8], e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Another_partners_endpoints_and_deliveries_are_invisible()
    {
        var owner = Guid.NewGuid();
        using var ownerClient = api.Partner(owner);
        var created = await ProblemAssert.IsSuccess(
            await ownerClient.PostAsJsonAsync("/v2/partners/webhooks", new { url = PublicUrl, event_types = new[] { "CustomerCreated" } }), HttpStatusCode.Created);
        var webhookId = created.GetProperty("id").GetGuid();
        await ProblemAssert.IsSuccess(await ownerClient.PatchAsJsonAsync($"/v2/partners/webhooks/{webhookId}", new { enabled = false }));
        var deliveryId = Guid.NewGuid();
        await using (var db = api.Db())
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = deliveryId, EndpointId = webhookId, PartnerId = owner, EventId = Guid.NewGuid(), EventType = "CustomerCreated", Body = "{}",
                Status = WebhookDeliveryStatus.Delivered, NextAttemptAt = api.Clock.GetUtcNow(), CreatedAt = api.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        using var stranger = api.Partner(Guid.NewGuid());
        foreach (var (method, path) in new[]
                 {
                     ("GET", $"/v2/partners/webhooks/{webhookId}"), ("PATCH", $"/v2/partners/webhooks/{webhookId}"),
                     ("DELETE", $"/v2/partners/webhooks/{webhookId}"), ("POST", $"/v2/partners/webhooks/{webhookId}/secret/rotate"),
                     ("GET", $"/v2/partners/webhooks/{webhookId}/deliveries"), ("GET", $"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}"),
                     ("GET", $"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}/attempts"),
                     ("POST", $"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}/replay"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { enabled = true }) };
            await ProblemAssert.IsProblem(await stranger.SendAsync(request), HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
        }

        var list = await ProblemAssert.IsSuccess(await stranger.GetAsync("/v2/partners/webhooks"));
        Assert.Equal(0, list.GetProperty("total_count").GetInt64());
        Assert.Equal(0, (await ProblemAssert.IsSuccess(await stranger.GetAsync("/v2/partners/webhooks/audit"))).GetProperty("total_count").GetInt64());
        var owned = await ProblemAssert.IsSuccess(await ownerClient.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{deliveryId}"));
        Assert.Equal("delivered", owned.GetProperty("status").GetString());
    }
}
