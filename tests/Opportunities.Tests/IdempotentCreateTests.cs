using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Opportunities.Api.Data;
using Opportunities.Tests.Support;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;

namespace Opportunities.Tests;

/// <summary>Every create endpoint (found by its idempotency metadata) creates once for one key, even when the retries race.</summary>
public sealed class IdempotentCreateTests(OpportunitiesApiFactory factory) : IClassFixture<OpportunitiesApiFactory>
{
    private readonly Scenario _scenario = new(factory);

    [Fact]
    public async Task Racing_retries_of_every_create_with_one_key_create_once_and_answer_the_same_object()
    {
        var partnerId = await _scenario.PcePartnerAsync();
        var partner = _scenario.Partner(partnerId);
        var solutionId = await _scenario.SolutionAsync(partner);
        var creates = new Dictionary<string, (HttpClient Client, Func<object> Body, Func<OpportunitiesDbContext, Task<int>> Count)>
        {
            ["/v2/partners/opportunities"] = (partner, () => Scenario.Draft(solutionId), db => db.Opportunities.CountAsync(o => o.PartnerId == partnerId)),
            ["/v2/partners/opportunities/solutions"] = (
                partner,
                () => new { name = "Idempotent solution", description = "Created once.", products = new[] { "data_lake" } },
                db => db.Solutions.CountAsync(s => s.PartnerId == partnerId)),
            ["/v2/partners/opportunities/deals"] = (
                partner,
                () => new
                {
                    deal_name = "Idempotent deal", customer_name = "Qianhai Fintech", customer_account_name = "idem-account", account_manager_name = "Li Hua",
                    product_code = "data_lake", amount = new { amount = 900_000m, currency = "CNY" },
                },
                db => db.Deals.CountAsync(d => d.PartnerId == partnerId)),
            ["/v2/partners/opportunities/projects"] = (
                partner,
                () => new { project_name = "Idempotent project", description = "Created once.", customer_name = "C", annual_cloud_spending = new { amount = 1_000_000m, currency = "CNY" } },
                db => db.Projects.CountAsync(p => p.PartnerId == partnerId)),
            ["/v2/vendor/opportunities/handovers"] = (_scenario.Vendor(), () => Scenario.Handover(), db => db.Handovers.CountAsync()),
        };

        var idempotent = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IdempotencyMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimEnd('/'))
            .ToList();
        Assert.Equal(creates.Keys.Order(), idempotent.Order());

        foreach (var (path, (client, body, count)) in creates)
        {
            int before;
            await using (var db = factory.Db())
            {
                before = await count(db);
            }

            await ProblemAssert.IsProblem(await Scenario.PostAsync(client, path, body()), HttpStatusCode.BadRequest, "CBC.0100");
            var key = Guid.NewGuid().ToString("N");
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scenario.PostAsync(client, path, body(), idempotencyKey: key)));

            var ids = new List<Guid>();
            foreach (var answer in answers)
            {
                ids.Add((await ProblemAssert.IsSuccess(answer, HttpStatusCode.Created)).GetProperty("id").GetGuid());
            }

            Assert.Single(ids.Distinct());
            await using (var db = factory.Db())
            {
                Assert.Equal(before + 1, await count(db));
            }
        }
    }
}
