using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Domain;

namespace Resellers.Tests.Support;

/// <summary>
/// Sets up partners in the read model (as identity's events would) and drives the API as their
/// callers. Every test makes partners of its own, so tests sharing one host do not meet.
/// </summary>
public sealed class Scenario(ResellersApiFactory api)
{
    public ResellersApiFactory Api { get; } = api;

    public async Task<Guid> PartnerAsync(string? name = null, params string[] programmes)
    {
        var id = Guid.NewGuid();
        var now = Api.Clock.GetUtcNow();
        await Api.WithDbAsync(async db =>
        {
            db.KnownPartners.Add(new KnownPartner { Id = id, CompanyName = name ?? "Partner " + id.ToString("N")[..8], Region = "cn", RegisteredAt = now });
            foreach (var programme in programmes)
            {
                db.KnownProgrammes.Add(new KnownProgramme { PartnerId = id, Programme = programme, JoinedAt = now, ChangedAt = now });
            }

            await db.SaveChangesAsync();
        });
        return id;
    }

    public Task<Guid> DistributorAsync(string? name = null) => PartnerAsync(name, KnownProgramme.Distributor);

    public Task RecordFactsAsync(Guid partner, bool arrears = false, bool credit = false, bool frozen = false, bool associatedCustomer = false) =>
        Api.WithDbAsync(async db =>
        {
            var facts = await db.JoinFacts.SingleOrDefaultAsync(f => f.PartnerId == partner);
            if (facts is null)
            {
                facts = new JoinFacts { PartnerId = partner };
                db.JoinFacts.Add(facts);
            }

            facts.HasArrears = arrears;
            facts.HasCreditAccount = credit;
            facts.IsFrozen = frozen;
            facts.IsAssociatedCustomer = associatedCustomer;
            facts.RecordedAt = Api.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        });

    public HttpClient As(CurrentCaller caller) => Api.ClientFor(caller);

    public HttpClient AsDistributor(Guid distributor) => As(Callers.Distributor(distributor));

    public HttpClient AsReseller(Guid reseller) => As(Callers.Partner(reseller, "cloud_reseller"));

    public HttpClient AsVendor() => As(Callers.Vendor());

    public static Task<HttpResponseMessage> PostIdempotentAsync(HttpClient client, string path, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: PlatformJson.Options) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: PlatformJson.Options);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public async Task<Guid> ApplyAsync(Guid reseller, Guid distributor)
    {
        var response = await PostIdempotentAsync(AsReseller(reseller), "/v2/partners/distribution/applications", new { distributor_partner_id = distributor });
        return (await ProblemAssert.IsSuccess(response, HttpStatusCode.Created)).GetProperty("link_id").GetGuid();
    }

    public async Task<Guid> InviteAsync(Guid distributor, Guid reseller)
    {
        var response = await PostIdempotentAsync(AsDistributor(distributor), "/v2/partners/distribution/invitations", new { reseller_partner_id = reseller });
        return (await ProblemAssert.IsSuccess(response, HttpStatusCode.Created)).GetProperty("link_id").GetGuid();
    }

    public Task<HttpResponseMessage> ActAsync(HttpClient client, Guid linkId, LinkAction action, string? reason = null, string? ifMatch = null) =>
        SendJsonAsync(
            client,
            HttpMethod.Post,
            $"/v2/partners/distribution/links/{linkId}/{LinkTransitions.RouteName(action)}",
            new { reason = reason ?? (action == LinkAction.Revoke ? "contract ended" : null) },
            ifMatch);

    /// <summary>The client of a party the action allows (vendor staff when only they may).</summary>
    public HttpClient ActorFor(LinkAction action, Guid distributor, Guid reseller)
    {
        var actors = LinkTransitions.ActorsOf(action);
        return actors.HasFlag(LinkActor.Distributor) ? AsDistributor(distributor)
            : actors.HasFlag(LinkActor.Reseller) ? AsReseller(reseller)
            : AsVendor();
    }

    public async Task<JsonElement> PerformAsync(Guid linkId, LinkAction action, Guid distributor, Guid reseller)
    {
        var response = await ActAsync(ActorFor(action, distributor, reseller), linkId, action);
        return await ProblemAssert.IsSuccess(response);
    }

    /// <summary>A fresh distributor, reseller and link brought into <paramref name="state"/> through the API.</summary>
    public async Task<(Guid LinkId, Guid Distributor, Guid Reseller)> LinkInStateAsync(LinkState state)
    {
        var distributor = await DistributorAsync();
        var reseller = await PartnerAsync();
        var path = state switch
        {
            LinkState.Applied => [],
            LinkState.VendorApproved => [LinkAction.VendorApprove],
            LinkState.Invited => [],
            LinkState.Active => [LinkAction.Accept],
            LinkState.Rejected => [LinkAction.Decline],
            LinkState.Suspended => [LinkAction.Accept, LinkAction.Suspend],
            LinkState.Revoked => new[] { LinkAction.Accept, LinkAction.Revoke },
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        var linkId = state is LinkState.Applied or LinkState.VendorApproved
            ? await ApplyAsync(reseller, distributor)
            : await InviteAsync(distributor, reseller);
        foreach (var action in path)
        {
            await PerformAsync(linkId, action, distributor, reseller);
        }

        return (linkId, distributor, reseller);
    }

    public async Task<(Guid LinkId, Guid Distributor, Guid Reseller)> ActiveLinkAsync(Guid? distributor = null)
    {
        var d = distributor ?? await DistributorAsync();
        var reseller = await PartnerAsync();
        var linkId = await InviteAsync(d, reseller);
        await PerformAsync(linkId, LinkAction.Accept, d, reseller);
        return (linkId, d, reseller);
    }

    public async Task<LinkState> StateOfAsync(Guid linkId) =>
        await Api.WithDbAsync(db => db.Links.AsNoTracking().Where(l => l.Id == linkId).Select(l => l.State).SingleAsync());
}
