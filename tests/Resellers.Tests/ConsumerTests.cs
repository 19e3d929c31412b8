using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.Contracts.Coupons;
using PartnerPlatform.Contracts.Identity;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>identity-api's events reach the local read model through the real broker, once per message.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsumerTests(ResellersApiFactory api)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Scenario _scenario = new(api);

    private IBus Bus => _scenario.Api.Services.GetRequiredService<IBus>();

    [Fact]
    public async Task A_registered_distributor_can_be_applied_to_once_its_events_arrived()
    {
        var distributor = Guid.NewGuid();
        var now = _scenario.Api.Clock.GetUtcNow();
        await Bus.Publish(new PartnerRegistered(distributor, "Events Distribution Co", "cn", now));
        await Bus.Publish(new PartnerProgrammeJoined(distributor, KnownProgramme.Distributor, null, now));

        await Eventually.HoldsAsync(
            () => _scenario.Api.WithDbAsync(db => db.KnownProgrammes.AnyAsync(p => p.PartnerId == distributor && p.JoinedAt != null)),
            Patience,
            "PartnerProgrammeJoined was not consumed.");
        await Eventually.HoldsAsync(
            () => _scenario.Api.WithDbAsync(db => db.KnownPartners.AnyAsync(p => p.Id == distributor && p.CompanyName == "Events Distribution Co")),
            Patience,
            "PartnerRegistered was not consumed.");

        var link = await _scenario.ApplyAsync(await _scenario.PartnerAsync(), distributor);
        Assert.Equal(LinkState.Applied, await _scenario.StateOfAsync(link));
    }

    [Fact]
    public async Task An_expired_solution_provider_event_opens_quick_join_and_a_late_older_join_does_not_undo_it()
    {
        var partner = Guid.NewGuid();
        var now = _scenario.Api.Clock.GetUtcNow();
        await Bus.Publish(new PartnerProgrammeJoined(partner, KnownProgramme.SolutionProvider, null, now.AddDays(-30)));
        await WaitForProgrammeAsync(partner, p => p.JoinedAt != null);
        await Bus.Publish(new PartnerProgrammeExpired(partner, KnownProgramme.SolutionProvider, now));
        await WaitForProgrammeAsync(partner, p => p.ExpiredAt != null);

        // A redelivered, older "joined" must not revive the membership.
        await Bus.Publish(new PartnerProgrammeJoined(partner, KnownProgramme.SolutionProvider, null, now.AddDays(-30)));
        await Task.Delay(500);

        var programme = await _scenario.Api.WithDbAsync(db =>
            db.KnownProgrammes.AsNoTracking().SingleAsync(p => p.PartnerId == partner && p.Programme == KnownProgramme.SolutionProvider));
        Assert.NotNull(programme.ExpiredAt);
        var quickJoin = await Scenario.PostIdempotentAsync(
            _scenario.AsReseller(partner), "/v2/partners/distribution/quick-join", new { distributor_partner_id = await _scenario.DistributorAsync() });
        await ProblemAssert.IsSuccess(quickJoin, System.Net.HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_redelivered_customer_association_is_recorded_once_through_the_inbox()
    {
        var distributor = Guid.NewGuid();
        var reseller = Guid.NewGuid();
        var customer = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var message = new CustomerAssociated(distributor, customer, "reseller", reseller, _scenario.Api.Clock.GetUtcNow());

        await Bus.Publish(message, context => context.MessageId = messageId);
        await Bus.Publish(message, context => context.MessageId = messageId);

        await Eventually.HoldsAsync(
            () => _scenario.Api.WithDbAsync(db => db.Database
                .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM inbox_messages WHERE message_id = {messageId}")
                .SingleAsync()
                .ContinueWith(t => t.Result == 1)),
            Patience,
            "CustomerAssociated was not consumed.");
        await Task.Delay(500);
        var associations = await _scenario.Api.WithDbAsync(db => db.KnownCustomerAssociations.AsNoTracking().Where(a => a.CustomerId == customer).ToListAsync());
        var association = Assert.Single(associations);
        Assert.Equal(reseller, association.OwnerPartnerId);
    }

    [Fact]
    public async Task A_disassociated_customer_no_longer_blocks_joining()
    {
        var account = await _scenario.PartnerAsync();
        var owner = Guid.NewGuid();
        var now = _scenario.Api.Clock.GetUtcNow();
        await Bus.Publish(new CustomerAssociated(owner, account, "referral", null, now));
        await Eventually.HoldsAsync(
            async () => (await EligibilityAsync(account)).GetProperty("eligible").GetBoolean() == false, Patience, "The association did not block joining.");

        await Bus.Publish(new CustomerDisassociated(owner, account, null, "customer", now.AddMinutes(1)));

        await Eventually.HoldsAsync(
            async () => (await EligibilityAsync(account)).GetProperty("eligible").GetBoolean(), Patience, "The disassociation was not applied.");
    }

    [Fact]
    public async Task Redeemed_coupons_credited_to_a_reseller_count_in_its_scorecard()
    {
        var (_, distributor, reseller) = await _scenario.ActiveLinkAsync();
        var inPeriod = new DateTimeOffset(2027, 2, 10, 0, 0, 0, TimeSpan.Zero);
        await Bus.Publish(new CouponRedeemed(Guid.NewGuid(), "voucher", distributor, reseller, Guid.NewGuid(), "o-1", 100m, 20m, 0m, "CNY", inPeriod));
        await Bus.Publish(new CouponRedeemed(Guid.NewGuid(), "voucher", reseller, null, Guid.NewGuid(), "o-2", 100m, 20m, 0m, "CNY", inPeriod));
        await Bus.Publish(new CouponRedeemed(Guid.NewGuid(), "voucher", null, null, Guid.NewGuid(), "o-3", 100m, 20m, 0m, "CNY", inPeriod));
        await Eventually.HoldsAsync(
            () => _scenario.Api.WithDbAsync(async db => await db.KnownCouponRedemptions.CountAsync(r => r.ResellerPartnerId == reseller) == 2),
            Patience,
            "CouponRedeemed was not consumed.");

        var response = await Scenario.PostIdempotentAsync(
            _scenario.AsVendor(), "/v2/partners/distribution/scorecards", new { reseller_partner_id = reseller, period = "2027-Q1" });

        var card = await ProblemAssert.IsSuccess(response, System.Net.HttpStatusCode.Created);
        Assert.Equal(2, card.GetProperty("metrics").GetProperty("coupon_redemptions").GetInt32());
    }

    private async Task<System.Text.Json.JsonElement> EligibilityAsync(Guid account) =>
        await ProblemAssert.IsSuccess(await _scenario.AsReseller(account).GetAsync("/v2/partners/distribution/join-eligibility"));

    private Task WaitForProgrammeAsync(Guid partner, Func<KnownProgramme, bool> condition) =>
        Eventually.HoldsAsync(
            async () => (await _scenario.Api.WithDbAsync(db => db.KnownProgrammes.AsNoTracking().Where(p => p.PartnerId == partner).ToListAsync()))
                .Any(condition),
            Patience,
            "The programme event was not consumed.");
}
