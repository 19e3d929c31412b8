using System.Net;
using System.Text.Json;
using CrossService.Tests.Support;
using PartnerPlatform.Testing;

namespace CrossService.Tests;

/// <summary>
/// Webhooks as a partner's system meets them: the endpoint registered through the gateway, an event
/// of identity-api's caused by a customer acting through the gateway, carried over the real broker to
/// subscription-files-api, delivered signed to a real receiver, and the delivery read back through
/// the gateway.
/// </summary>
public sealed class WebhooksThroughGatewayTests(PartnerCenter center) : IClassFixture<PartnerCenter>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_customer_joining_a_partner_reaches_the_partners_endpoint_signed_and_the_partner_reads_the_delivery_through_the_gateway()
    {
        await using var system = await PartnerSystem.StartAsync();
        var partner = await center.RegisterPartnerAsync();
        var other = await center.RegisterPartnerAsync();
        var eventTypes = await (await center.GetAsync("/v2/partners/webhooks/event-types", partner.Token)).IsSuccess();
        Assert.Contains("CustomerAssociated", eventTypes.GetRawText(), StringComparison.Ordinal);
        var (webhookId, secret) = await RegisterAsync(partner, system.Url);

        var customerId = await JoinAsync(partner);

        await Eventually.HoldsAsync(() => system.Received.Count == 1, Wait, "the partner's system received the event");
        var received = system.Received[0];
        Assert.Equal("CustomerAssociated", received.EventType);
        Assert.True(received.IsSignedWith(secret), received.Signature);
        Assert.False(received.IsSignedWith("whsec_another"));
        Assert.False((received with { Body = received.Body.Replace(partner.PartnerId.ToString(), other.PartnerId.ToString(), StringComparison.Ordinal) }).IsSignedWith(secret));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("CustomerAssociated", body.GetProperty("type").GetString());
        Assert.Equal(partner.PartnerId, body.GetProperty("partner_id").GetGuid());
        Assert.Equal(customerId, body.GetProperty("data").GetProperty("customer_id").GetGuid());
        Assert.Equal(received.EventId, body.GetProperty("id").GetGuid().ToString());

        var delivery = await DeliveredAsync(partner, webhookId);
        Assert.Equal(received.DeliveryId, delivery.GetProperty("id").GetGuid().ToString());
        Assert.Equal(received.EventId, delivery.GetProperty("event_id").GetGuid().ToString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        var attempts = (await (await center.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{received.DeliveryId}/attempts", partner.Token)).IsSuccess())
            .GetProperty("attempts");
        var attempt = Assert.Single(attempts.EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("status_code").GetInt32());
        Assert.True(attempt.GetProperty("succeeded").GetBoolean());

        await (await center.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries", other.Token)).IsProblem(HttpStatusCode.NotFound, "CBC.0156");
    }

    [Fact]
    public async Task A_partners_system_that_fails_twice_then_accepts_gets_the_event_exactly_once_more_and_the_partner_sees_each_attempt()
    {
        await using var system = await PartnerSystem.StartAsync(500, 503, 200);
        var partner = await center.RegisterPartnerAsync();
        var (webhookId, secret) = await RegisterAsync(partner, system.Url);

        await JoinAsync(partner);

        await Eventually.HoldsAsync(() => system.Received.Count >= 3, Wait, "three attempts reached the partner's system");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(3, system.Received.Count);
        Assert.Single(system.Received.Select(r => r.EventId).Distinct());
        Assert.Single(system.Received.Select(r => r.DeliveryId).Distinct());
        Assert.All(system.Received, r => Assert.True(r.IsSignedWith(secret)));

        var delivery = await DeliveredAsync(partner, webhookId);
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        var attempts = (await (await center.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries/{delivery.GetProperty("id").GetGuid()}/attempts", partner.Token))
            .IsSuccess()).GetProperty("attempts");
        Assert.Equal([500, 503, 200], attempts.EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal([false, false, true], attempts.EnumerateArray().Select(a => a.GetProperty("succeeded").GetBoolean()));
    }

    private async Task<(Guid Id, string Secret)> RegisterAsync(PartnerAccount partner, Uri url)
    {
        var created = await (await center.PostAsync("/v2/partners/webhooks", new { url = url.ToString(), event_types = new[] { "CustomerAssociated" }, description = "ERP" }, partner.Token))
            .IsSuccess(HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    /// <summary>A customer joins the partner through an offline invitation, all through the gateway; identity-api publishes CustomerAssociated.</summary>
    private async Task<Guid> JoinAsync(PartnerAccount partner)
    {
        var customer = await center.RegisterCustomerAsync();
        var invitation = await (await center.PostAsync("/v2/partners/sub-customers/offline-invitations", new { association_type = "reseller" }, partner.Token))
            .IsSuccess(HttpStatusCode.Created);
        var inForce = await (await center.GetAsync("/v2/partners/sub-customers/consent-documents", customer.Token)).IsSuccess();
        var documents = inForce.GetProperty("documents").EnumerateArray()
            .Select(d => new { kind = d.GetProperty("kind").GetString(), version = d.GetProperty("version").GetString() })
            .ToArray();
        await (await center.PostAsync(
            "/v2/partners/sub-customers/me/invitations/accept",
            new { token = PartnerCenter.TokenOf(invitation.GetProperty("link").GetString()!), accepted_documents = documents },
            customer.Token)).IsSuccess();
        return customer.CustomerId;
    }

    private async Task<JsonElement> DeliveredAsync(PartnerAccount partner, Guid webhookId)
    {
        JsonElement delivery = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                var deliveries = (await (await center.GetAsync($"/v2/partners/webhooks/{webhookId}/deliveries", partner.Token)).IsSuccess()).GetProperty("deliveries");
                delivery = deliveries.GetArrayLength() == 1 ? deliveries[0] : default;
                return delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("status").GetString() == "delivered";
            },
            Wait,
            "the partner reads its delivery as delivered");
        return delivery;
    }
}
