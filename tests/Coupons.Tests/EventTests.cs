using System.Net.Http.Json;
using Coupons.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Identity;
using PartnerPlatform.Contracts.Resellers;

namespace Coupons.Tests;

/// <summary>Events in (read models through the inbox) and out (through the outbox to the broker).</summary>
[Collection(CouponsCollection.Name)]
public sealed class EventTests(CouponsApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task A_redelivered_event_is_handled_once()
    {
        var partner = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var bus = api.Services.GetRequiredService<IBus>();
        var associated = new CustomerAssociated(partner, customer, "reseller", null, _scenario.Now);

        await bus.Publish(associated, context => context.MessageId = messageId);
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == customer), "association");
        await api.PublishAsync(new CustomerDisassociated(partner, customer, null, "partner", _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == customer && !a.Active), "disassociation");
        await bus.Publish(associated with { OccurredAt = _scenario.Now.AddSeconds(2) }, context => context.MessageId = messageId);
        var marker = Guid.NewGuid();
        await api.PublishAsync(new CustomerAssociated(partner, marker, "reseller", null, _scenario.Now));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == marker), "marker after the redelivery");

        await using var db = api.Db();
        Assert.False(await db.CustomerAssociations.Where(a => a.CustomerId == customer).Select(a => a.Active).SingleAsync());
        var inboxRows = await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = {messageId} AND consumer LIKE '%CustomerAssociatedConsumer'")
            .SingleAsync();
        Assert.Equal(1, inboxRows);
    }

    [Fact]
    public async Task An_older_event_arriving_late_does_not_undo_a_newer_one()
    {
        var partner = Guid.NewGuid();
        var customer = Guid.NewGuid();

        await api.PublishAsync(new CustomerDisassociated(partner, customer, null, "customer", _scenario.Now.AddMinutes(1)));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == customer), "disassociation");
        await api.PublishAsync(new CustomerAssociated(partner, customer, "reseller", null, _scenario.Now));
        var marker = Guid.NewGuid();
        await api.PublishAsync(new CustomerAssociated(partner, marker, "reseller", null, _scenario.Now));
        await api.EventuallyAsync(db => db.CustomerAssociations.AnyAsync(a => a.CustomerId == marker), "marker");

        await using var db = api.Db();
        Assert.False(await db.CustomerAssociations.Where(a => a.CustomerId == customer).Select(a => a.Active).SingleAsync());
    }

    [Fact]
    public async Task A_suspended_link_blocks_the_distributor_until_it_is_reinstated()
    {
        var (distributor, reseller, linkId) = await _scenario.NewLinkedResellerAsync();
        var source = (await _scenario.GrantQuotaAsync(distributor, 100.00m)).GetProperty("quota_id").GetGuid();
        using var client = _scenario.ClientFor(distributor, "distributor");
        var grant = new { quota_id = source, indirect_partner_id = reseller, amount = 1.00m };

        await api.PublishAsync(new ResellerSuspended(linkId, distributor, reseller, _scenario.Now.AddSeconds(1)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "suspended"), "suspension");
        await (await client.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-grants", grant))
            .IsProblem(System.Net.HttpStatusCode.Forbidden, "CBC.99006004");

        await api.PublishAsync(new ResellerReinstated(linkId, distributor, reseller, _scenario.Now.AddSeconds(2)));
        await api.EventuallyAsync(db => db.ResellerLinks.AnyAsync(l => l.LinkId == linkId && l.Status == "active"), "reinstatement");
        await (await client.PostIdempotentAsync("/v2/partners/coupon-quotas/indirect-partner-grants", grant)).IsSuccess(System.Net.HttpStatusCode.Created);
    }

    [Fact]
    public async Task Issued_coupons_reach_the_broker_through_the_outbox()
    {
        var queue = "coupons-test-issued-" + Guid.NewGuid().ToString("N")[..8];
        var vhost = Uri.EscapeDataString(api.RabbitMq.VirtualHost);
        const string exchange = "PartnerPlatform.Contracts.Coupons:CouponIssued";
        var management = api.RabbitMq.Management;
        (await management.PutAsJsonAsync($"api/exchanges/{vhost}/{Uri.EscapeDataString(exchange)}", new { type = "fanout", durable = true })).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/queues/{vhost}/{queue}", new { durable = true })).EnsureSuccessStatusCode();
        (await management.PostAsJsonAsync($"api/bindings/{vhost}/e/{Uri.EscapeDataString(exchange)}/q/{queue}", new { routing_key = "" })).EnsureSuccessStatusCode();
        var issuer = await _scenario.NewIssuerAsync(customers: 3);
        using var client = issuer.Client();

        await (await client.PostIdempotentAsync("/v2/promotions/benefits/partner-coupons", new { quota_id = issuer.QuotaId, customer_ids = issuer.Customers, face_value = 1.00m }))
            .IsSuccess();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await api.RabbitMq.CountMessagesAsync(queue) < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(3, await api.RabbitMq.CountMessagesAsync(queue));
    }
}
