using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Resellers.Api.Domain;
using Resellers.Api.Jobs;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Both ways in, join blockers with reasons, quick join, and one distributor per reseller.</summary>
[Collection(ApiCollection.Name)]
public sealed class JoiningTests(ResellersApiFactory api)
{
    private const string Applications = "/v2/partners/distribution/applications";
    private const string Invitations = "/v2/partners/distribution/invitations";
    private const string QuickJoin = "/v2/partners/distribution/quick-join";
    private readonly Scenario _scenario = new(api);

    [Fact]
    public async Task Two_distributors_racing_for_one_reseller_leave_exactly_one_winner()
    {
        var reseller = await _scenario.PartnerAsync();
        var distributors = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            distributors.Add(await _scenario.DistributorAsync());
        }

        var clients = distributors.Select(_scenario.AsDistributor).ToList();
        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async client =>
        {
            await start.WaitAsync();
            return await Scenario.PostIdempotentAsync(client, Invitations, new { reseller_partner_id = reseller });
        }).ToList();
        start.Release(clients.Count);
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAssert.IsProblem(loser, HttpStatusCode.Conflict, "CBC.600002");
        }

        var holding = await _scenario.Api.WithDbAsync(db => db.Links.CountAsync(l => l.ResellerPartnerId == reseller));
        Assert.Equal(1, holding);
    }

    [Fact]
    public async Task A_linked_reseller_cannot_apply_to_or_be_invited_by_another_distributor()
    {
        var (_, _, reseller) = await _scenario.ActiveLinkAsync();
        var other = await _scenario.DistributorAsync();

        var apply = await Scenario.PostIdempotentAsync(_scenario.AsReseller(reseller), Applications, new { distributor_partner_id = other });
        var invite = await Scenario.PostIdempotentAsync(_scenario.AsDistributor(other), Invitations, new { reseller_partner_id = reseller });

        await ProblemAssert.IsProblem(apply, HttpStatusCode.Conflict, "CBC.600002");
        await ProblemAssert.IsProblem(invite, HttpStatusCode.Conflict, "CBC.600002");
    }

    [Fact]
    public async Task After_a_revocation_the_reseller_may_join_another_distributor()
    {
        var (link, distributor, reseller) = await _scenario.ActiveLinkAsync();
        await _scenario.PerformAsync(link, LinkAction.Revoke, distributor, reseller);

        var second = await _scenario.InviteAsync(await _scenario.DistributorAsync(), reseller);

        Assert.Equal(LinkState.Invited, await _scenario.StateOfAsync(second));
    }

    [Fact]
    public async Task Applying_to_a_partner_that_is_not_a_distributor_is_a_400()
    {
        var reseller = await _scenario.PartnerAsync();
        var notDistributor = await _scenario.PartnerAsync();

        var response = await Scenario.PostIdempotentAsync(_scenario.AsReseller(reseller), Applications, new { distributor_partner_id = notDistributor });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.600001");
    }

    [Fact]
    public async Task Inviting_an_unknown_account_or_oneself_is_a_400()
    {
        var distributor = await _scenario.DistributorAsync();
        var client = _scenario.AsDistributor(distributor);

        await ProblemAssert.IsProblem(
            await Scenario.PostIdempotentAsync(client, Invitations, new { reseller_partner_id = Guid.NewGuid() }), HttpStatusCode.BadRequest, "CBC.600009");
        await ProblemAssert.IsProblem(
            await Scenario.PostIdempotentAsync(client, Invitations, new { reseller_partner_id = distributor }), HttpStatusCode.BadRequest, "CBC.600010");
    }

    [Fact]
    public async Task Only_distributors_invite()
    {
        var partner = await _scenario.PartnerAsync();

        var response = await Scenario.PostIdempotentAsync(_scenario.AsReseller(partner), Invitations, new { reseller_partner_id = Guid.NewGuid() });

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_solution_provider_is_refused_with_its_reason()
    {
        var distributor = await _scenario.DistributorAsync();
        var provider = await _scenario.PartnerAsync(null, KnownProgramme.SolutionProvider);

        var apply = await Scenario.PostIdempotentAsync(_scenario.AsReseller(provider), Applications, new { distributor_partner_id = distributor });
        var invite = await Scenario.PostIdempotentAsync(_scenario.AsDistributor(distributor), Invitations, new { reseller_partner_id = provider });

        var problem = await ProblemAssert.IsProblem(apply, HttpStatusCode.Conflict, "CBC.600003");
        Assert.Equal("already_solution_provider", problem.GetProperty("errors").GetProperty("blockers")[0].GetString());
        await ProblemAssert.IsProblem(invite, HttpStatusCode.Conflict, "CBC.600003");
    }

    [Fact]
    public async Task Every_blocker_is_reported_and_the_first_one_names_the_code()
    {
        var distributor = await _scenario.DistributorAsync();
        var account = await _scenario.PartnerAsync();
        await _scenario.RecordFactsAsync(account, credit: true, frozen: true, associatedCustomer: true);

        var response = await Scenario.PostIdempotentAsync(_scenario.AsReseller(account), Applications, new { distributor_partner_id = distributor });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.600004");
        Assert.Equal(
            ["associated_customer", "arrears_or_credit_account", "frozen"],
            problem.GetProperty("errors").GetProperty("blockers").EnumerateArray().Select(b => b.GetString()));

        var eligibility = await ProblemAssert.IsSuccess(await _scenario.AsReseller(account).GetAsync("/v2/partners/distribution/join-eligibility"));
        Assert.False(eligibility.GetProperty("eligible").GetBoolean());
        Assert.Equal(
            ["CBC.600004", "CBC.600005", "CBC.600006"],
            eligibility.GetProperty("blockers").EnumerateArray().Select(b => b.GetProperty("error_code").GetString()));
    }

    [Fact]
    public async Task Another_partners_associated_customer_is_refused_but_the_distributors_own_is_not()
    {
        var distributor = await _scenario.DistributorAsync();
        var account = await _scenario.PartnerAsync();
        var now = _scenario.Api.Clock.GetUtcNow();
        await _scenario.Api.WithDbAsync(async db =>
        {
            db.KnownCustomerAssociations.Add(new KnownCustomerAssociation { Id = Guid.NewGuid(), CustomerId = account, OwnerPartnerId = distributor, AssociatedAt = now });
            await db.SaveChangesAsync();
        });

        var toOwner = await Scenario.PostIdempotentAsync(_scenario.AsReseller(account), Applications, new { distributor_partner_id = distributor });
        await ProblemAssert.IsSuccess(toOwner, HttpStatusCode.Created);

        var other = await _scenario.DistributorAsync();
        var elsewhere = await Scenario.PostIdempotentAsync(_scenario.AsDistributor(other), Invitations, new { reseller_partner_id = account });
        await ProblemAssert.IsProblem(elsewhere, HttpStatusCode.Conflict, "CBC.600004");
        var eligibility = await ProblemAssert.IsSuccess(
            await _scenario.AsReseller(account).GetAsync($"/v2/partners/distribution/join-eligibility?distributor_partner_id={other}"));
        Assert.Equal("associated_customer", eligibility.GetProperty("blockers")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Vendor_staff_record_facts_with_if_match_and_they_block_joining()
    {
        var account = await _scenario.PartnerAsync();
        var vendor = _scenario.AsVendor();
        var path = $"/v2/partners/distribution/join-facts/{account}";
        var read = await vendor.GetAsync(path);
        Assert.Equal("\"0\"", read.Headers.ETag!.Tag);

        var facts = new { has_arrears = true, has_credit_account = false, is_frozen = false, is_associated_customer = false, note = "overdue invoice" };
        await ProblemAssert.IsProblem(await Scenario.SendJsonAsync(vendor, HttpMethod.Put, path, facts), HttpStatusCode.PreconditionFailed, "CBC.0157");
        var written = await Scenario.SendJsonAsync(vendor, HttpMethod.Put, path, facts, "\"0\"");
        var body = await ProblemAssert.IsSuccess(written);
        Assert.Equal("arrears_or_credit_account", body.GetProperty("blockers")[0].GetProperty("reason").GetString());
        await ProblemAssert.IsProblem(await Scenario.SendJsonAsync(vendor, HttpMethod.Put, path, facts, "\"0\""), HttpStatusCode.PreconditionFailed, "CBC.0157");

        var apply = await Scenario.PostIdempotentAsync(
            _scenario.AsReseller(account), Applications, new { distributor_partner_id = await _scenario.DistributorAsync() });
        await ProblemAssert.IsProblem(apply, HttpStatusCode.Conflict, "CBC.600005");

        var cleared = await Scenario.SendJsonAsync(vendor, HttpMethod.Put, path, facts with { has_arrears = false }, written.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task Partners_cannot_record_facts()
    {
        var account = await _scenario.PartnerAsync();

        var response = await _scenario.AsReseller(account).GetAsync($"/v2/partners/distribution/join-facts/{account}");

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task An_expired_solution_provider_quick_joins_straight_to_the_distributors_review()
    {
        var distributor = await _scenario.DistributorAsync();
        var formerProvider = await _scenario.PartnerAsync();
        var now = _scenario.Api.Clock.GetUtcNow();
        await _scenario.Api.WithDbAsync(async db =>
        {
            db.KnownProgrammes.Add(new KnownProgramme
            {
                PartnerId = formerProvider, Programme = KnownProgramme.SolutionProvider, JoinedAt = now.AddYears(-1), ExpiredAt = now.AddDays(-1), ChangedAt = now,
            });
            await db.SaveChangesAsync();
        });

        var response = await Scenario.PostIdempotentAsync(_scenario.AsReseller(formerProvider), QuickJoin, new { distributor_partner_id = distributor });

        var body = await ProblemAssert.IsSuccess(response, HttpStatusCode.Created);
        Assert.Equal("vendor_approved", body.GetProperty("state").GetString());
        Assert.Equal("quick_join", body.GetProperty("origin").GetString());
        await _scenario.PerformAsync(body.GetProperty("link_id").GetGuid(), LinkAction.Approve, distributor, formerProvider);
    }

    [Fact]
    public async Task Quick_join_is_refused_to_an_active_or_never_solution_provider()
    {
        var distributor = await _scenario.DistributorAsync();
        var never = await _scenario.PartnerAsync();
        var active = await _scenario.PartnerAsync(null, KnownProgramme.SolutionProvider);

        await ProblemAssert.IsProblem(
            await Scenario.PostIdempotentAsync(_scenario.AsReseller(never), QuickJoin, new { distributor_partner_id = distributor }),
            HttpStatusCode.Conflict,
            "CBC.600008");
        await ProblemAssert.IsProblem(
            await Scenario.PostIdempotentAsync(_scenario.AsReseller(active), QuickJoin, new { distributor_partner_id = distributor }),
            HttpStatusCode.Conflict,
            "CBC.600008");
    }

    [Fact]
    public async Task Applying_twice_with_one_idempotency_key_creates_one_link()
    {
        var distributor = await _scenario.DistributorAsync();
        var reseller = await _scenario.PartnerAsync();
        var client = _scenario.AsReseller(reseller);
        var key = Guid.NewGuid().ToString("N");

        var first = await Scenario.PostIdempotentAsync(client, Applications, new { distributor_partner_id = distributor }, key);
        var second = await Scenario.PostIdempotentAsync(client, Applications, new { distributor_partner_id = distributor }, key);
        var different = await Scenario.PostIdempotentAsync(client, Applications, new { distributor_partner_id = Guid.NewGuid() }, key);

        var a = await ProblemAssert.IsSuccess(first, HttpStatusCode.Created);
        var b = await ProblemAssert.IsSuccess(second, HttpStatusCode.Created);
        Assert.Equal(a.GetProperty("link_id").GetGuid(), b.GetProperty("link_id").GetGuid());
        await ProblemAssert.IsProblem(different, HttpStatusCode.UnprocessableEntity, "CBC.0158");
    }

    [Fact]
    public async Task Creating_without_an_idempotency_key_is_a_400()
    {
        var response = await Scenario.SendJsonAsync(
            _scenario.AsReseller(await _scenario.PartnerAsync()), HttpMethod.Post, Applications, new { distributor_partner_id = Guid.NewGuid() });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0100");
    }

    [Fact]
    public async Task The_invitation_sweeper_closes_invitations_past_their_deadline()
    {
        var distributor = await _scenario.DistributorAsync();
        var reseller = await _scenario.PartnerAsync();
        var link = await _scenario.InviteAsync(distributor, reseller);
        var sweeper = _scenario.Api.Services.GetServices<IHostedService>().OfType<InvitationExpirySweeper>().Single();

        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(LinkState.Invited, await _scenario.StateOfAsync(link));

        _scenario.Api.Clock.Advance(ResellerLink.InvitationLifetime);
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Equal(LinkState.Rejected, await _scenario.StateOfAsync(link));
    }
}
