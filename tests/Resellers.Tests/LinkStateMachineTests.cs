using System.Net;
using Resellers.Api.Domain;
using Resellers.Tests.Support;

namespace Resellers.Tests;

/// <summary>Every pair of state and action, generated from the transition table: legal ones move the link, the rest answer 409 CBC.0150.</summary>
[Collection(ApiCollection.Name)]
public sealed class LinkStateMachineTests(ResellersApiFactory api)
{
    private readonly Scenario _scenario = new(api);

    public static TheoryData<LinkState, LinkAction> LegalTransitions()
    {
        var data = new TheoryData<LinkState, LinkAction>();
        foreach (var transition in LinkTransitions.All)
        {
            data.Add(transition.From, transition.Action);
        }

        return data;
    }

    public static TheoryData<LinkState, LinkAction> IllegalTransitions()
    {
        var data = new TheoryData<LinkState, LinkAction>();
        foreach (var state in Enum.GetValues<LinkState>())
        {
            foreach (var action in Enum.GetValues<LinkAction>())
            {
                if (LinkTransitions.Target(state, action) is null)
                {
                    data.Add(state, action);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_state_and_action_pair_once()
    {
        var pairs = Enum.GetValues<LinkState>().Length * Enum.GetValues<LinkAction>().Length;
        Assert.Equal(pairs, LegalTransitions().Count + IllegalTransitions().Count);
        Assert.Equal(LinkTransitions.All.Count, LinkTransitions.All.Select(t => (t.From, t.Action)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public async Task A_legal_transition_moves_the_link_to_its_target_state(LinkState from, LinkAction action)
    {
        var (linkId, distributor, reseller) = await _scenario.LinkInStateAsync(from);
        Assert.Equal(from, await _scenario.StateOfAsync(linkId));

        var body = await _scenario.PerformAsync(linkId, action, distributor, reseller);

        var expected = LinkTransitions.Target(from, action)!.Value;
        Assert.Equal(Names.Snake(expected), body.GetProperty("state").GetString());
        Assert.Equal(expected, await _scenario.StateOfAsync(linkId));
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public async Task An_illegal_transition_answers_409_and_changes_nothing(LinkState from, LinkAction action)
    {
        var (linkId, distributor, reseller) = await _scenario.LinkInStateAsync(from);

        var response = await _scenario.ActAsync(_scenario.ActorFor(action, distributor, reseller), linkId, action);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.0150");
        Assert.Equal(from, await _scenario.StateOfAsync(linkId));
    }

    [Theory]
    [InlineData(LinkAction.Suspend)]
    [InlineData(LinkAction.Revoke)]
    public async Task Vendor_staff_may_suspend_and_revoke_any_link(LinkAction action)
    {
        var (linkId, _, _) = await _scenario.ActiveLinkAsync();

        var response = await _scenario.ActAsync(_scenario.AsVendor(), linkId, action);

        await ProblemAssert.IsSuccess(response);
    }

    [Fact]
    public async Task A_transition_needs_no_body()
    {
        var (linkId, distributor, _) = await _scenario.ActiveLinkAsync();

        var response = await _scenario.AsDistributor(distributor).PostAsync($"/v2/partners/distribution/links/{linkId}/suspend", null);

        var body = await ProblemAssert.IsSuccess(response);
        Assert.Equal("suspended", body.GetProperty("state").GetString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Revoking_without_a_reason_is_a_400()
    {
        var (linkId, distributor, _) = await _scenario.ActiveLinkAsync();

        var response = await Scenario.SendJsonAsync(
            _scenario.AsDistributor(distributor), HttpMethod.Post, $"/v2/partners/distribution/links/{linkId}/revoke", new { reason = "  " });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "CBC.0100");
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(LinkState.Active, await _scenario.StateOfAsync(linkId));
    }

    [Fact]
    public async Task A_partner_calling_a_vendor_action_is_refused_with_403()
    {
        var (linkId, distributor, _) = await _scenario.LinkInStateAsync(LinkState.Applied);

        var response = await _scenario.ActAsync(_scenario.AsDistributor(distributor), linkId, LinkAction.VendorApprove);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Forbidden, "CBC.0151");
    }

    [Fact]
    public async Task A_stale_if_match_answers_412_and_a_current_one_passes()
    {
        var (linkId, distributor, _) = await _scenario.ActiveLinkAsync();
        var client = _scenario.AsDistributor(distributor);
        var etag = (await client.GetAsync($"/v2/partners/distribution/links/{linkId}")).Headers.ETag!.Tag;

        await ProblemAssert.IsSuccess(await _scenario.ActAsync(client, linkId, LinkAction.Suspend, ifMatch: etag));
        var stale = await _scenario.ActAsync(client, linkId, LinkAction.Reinstate, ifMatch: etag);

        await ProblemAssert.IsProblem(stale, HttpStatusCode.PreconditionFailed, "CBC.0157");
        Assert.Equal(LinkState.Suspended, await _scenario.StateOfAsync(linkId));
    }

    [Fact]
    public async Task An_invitation_accepted_after_7_days_is_expired_and_closed()
    {
        var distributor = await _scenario.DistributorAsync();
        var reseller = await _scenario.PartnerAsync();
        var linkId = await _scenario.InviteAsync(distributor, reseller);
        _scenario.Api.Clock.Advance(ResellerLink.InvitationLifetime + TimeSpan.FromMinutes(1));

        var response = await _scenario.ActAsync(_scenario.AsReseller(reseller), linkId, LinkAction.Accept);

        await ProblemAssert.IsProblem(response, HttpStatusCode.Conflict, "CBC.600007");
        Assert.Equal(LinkState.Rejected, await _scenario.StateOfAsync(linkId));

        // The reseller is free again: another distributor may invite it.
        await _scenario.InviteAsync(await _scenario.DistributorAsync(), reseller);
    }

    [Fact]
    public async Task An_invitation_accepted_within_7_days_activates_the_link()
    {
        var distributor = await _scenario.DistributorAsync();
        var reseller = await _scenario.PartnerAsync();
        var linkId = await _scenario.InviteAsync(distributor, reseller);
        _scenario.Api.Clock.Advance(ResellerLink.InvitationLifetime - TimeSpan.FromMinutes(1));

        var body = await ProblemAssert.IsSuccess(await _scenario.ActAsync(_scenario.AsReseller(reseller), linkId, LinkAction.Accept));

        Assert.Equal("active", body.GetProperty("state").GetString());
    }
}
