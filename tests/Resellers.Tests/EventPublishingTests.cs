using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.Contracts.Resellers;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Events leave through the outbox and are observed on the real broker.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventPublishingTests(ResellersApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task ResellerLinked_is_published_exactly_once_per_activation_even_under_racing_requests()
    {
        var tap = BrokerTap.For<ResellerLinked>(_scenario.Api.RabbitMq);
        await _scenario.ActiveLinkAsync();
        await Eventually.HoldsAsync(tap.ExchangeExistsAsync, TimeSpan.FromSeconds(20), "The ResellerLinked exchange was never declared.");
        await _scenario.Api.OutboxDrainedAsync();
        await tap.BindAsync();

        try
        {
            // Invitation path: five concurrent acceptances.
            var invitedDistributor = await _scenario.DistributorAsync();
            var invitedReseller = await _scenario.PartnerAsync();
            var invited = await _scenario.InviteAsync(invitedDistributor, invitedReseller);
            var accepts = await RaceAsync(5, () => _scenario.ActAsync(_scenario.AsReseller(invitedReseller), invited, LinkAction.Accept));

            // Application path: single approvals racing a batch approval.
            var (applied, appliedDistributor, _) = await _scenario.LinkInStateAsync(LinkState.VendorApproved);
            var approvals = await RaceAsync(4, () => _scenario.ActAsync(_scenario.AsDistributor(appliedDistributor), applied, LinkAction.Approve));
            var batch = await Scenario.SendJsonAsync(
                _scenario.AsDistributor(appliedDistributor), HttpMethod.Post, "/v2/partners/distribution/applications/review",
                new { link_ids = new[] { applied }, decision = "approve" });

            // Suspending and reinstating is not a new activation; a declined invitation never activates.
            foreach (var action in new[] { LinkAction.Suspend, LinkAction.Reinstate, LinkAction.Suspend, LinkAction.Reinstate })
            {
                await _scenario.PerformAsync(invited, action, invitedDistributor, invitedReseller);
            }

            var (declined, _, _) = await _scenario.LinkInStateAsync(LinkState.Rejected);

            Assert.Single(accepts, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(accepts.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            Assert.Single(approvals, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
            Assert.Empty((await ProblemAssert.IsSuccess(batch)).GetProperty("succeeded").EnumerateArray());

            await _scenario.Api.OutboxDrainedAsync();
            await Eventually.HoldsAsync(async () => await tap.CountAsync() >= 2, TimeSpan.FromSeconds(20), "ResellerLinked did not arrive.");
            await Task.Delay(500);
            var events = await tap.DrainAsync();
            var perLink = events.GroupBy(e => e.GetProperty("linkId").GetGuid()).ToDictionary(g => g.Key, g => g.Count());

            Assert.Equal(1, perLink.GetValueOrDefault(invited));
            Assert.Equal(1, perLink.GetValueOrDefault(applied));
            Assert.Equal(0, perLink.GetValueOrDefault(declined));
            Assert.Equal(2, events.Count);
            var linked = events.Single(e => e.GetProperty("linkId").GetGuid() == invited);
            Assert.Equal(invitedDistributor, linked.GetProperty("distributorPartnerId").GetGuid());
            Assert.Equal(invitedReseller, linked.GetProperty("resellerPartnerId").GetGuid());
        }
        finally
        {
            await tap.DeleteAsync();
        }
    }

    [Fact]
    public async Task Each_link_change_stages_its_event_in_the_same_transaction()
    {
        var (link, distributor, reseller) = await _scenario.LinkInStateAsync(LinkState.VendorApproved);
        await _scenario.PerformAsync(link, LinkAction.Approve, distributor, reseller);
        await _scenario.PerformAsync(link, LinkAction.Suspend, distributor, reseller);
        await _scenario.PerformAsync(link, LinkAction.Reinstate, distributor, reseller);
        await _scenario.PerformAsync(link, LinkAction.Revoke, distributor, reseller);

        var types = await _scenario.Api.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT message_type AS \"Value\" FROM outbox_messages WHERE payload::text LIKE {"%" + link + "%"} ORDER BY id")
            .ToListAsync());

        Assert.Equal(
            [nameof(ResellerApplied), nameof(ResellerLinked), nameof(ResellerSuspended), nameof(ResellerReinstated), nameof(ResellerUnlinked)],
            types.Select(t => t.Split(',')[0].Split('.')[^1]));
    }

    private static async Task<HttpResponseMessage[]> RaceAsync(int count, Func<Task<HttpResponseMessage>> request)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.WaitAsync();
            return await request();
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(tasks);
    }
}
