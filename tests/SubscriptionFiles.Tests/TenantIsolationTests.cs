using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerPlatform.ServiceDefaults;
using PartnerPlatform.Testing;
using SubscriptionFiles.Tests.Support;

namespace SubscriptionFiles.Tests;

/// <summary>
/// Generated over every endpoint with an id in its route: called by another partner with the owner's
/// ids, it answers 404 CBC.0156 and never tells that the object exists.
/// </summary>
public sealed class TenantIsolationTests(SubscriptionFilesApiFactory api) : IClassFixture<SubscriptionFilesApiFactory>
{
    [Fact]
    public async Task Another_partners_object_answers_404_on_every_id_endpoint()
    {
        var owner = Guid.NewGuid();
        var subscription = await api.SubscribeAsync(owner, api.NewLocalBucket(), ["performance"]);
        using var ownerClient = api.Partner(owner);
        var deliveries = await ProblemAssert.IsSuccess(await ownerClient.GetAsync("/v2/partners/subscriptions/deliveries"));
        var export = await ProblemAssert.IsSuccess(
            await ownerClient.PostAsJsonAsync("/v2/partners/exports", new { list = "orders" }), HttpStatusCode.Accepted);
        var webhook = await ProblemAssert.IsSuccess(
            await ownerClient.PostAsJsonAsync("/v2/partners/webhooks", new { url = "https://203.0.114.10/hooks", event_types = new[] { "CustomerAssociated" } }),
            HttpStatusCode.Created);
        var ids = new Dictionary<string, string>
        {
            ["webhook_id"] = webhook.GetProperty("id").GetString()!,
            ["subscription_id"] = subscription.GetProperty("id").GetString()!,
            ["delivery_id"] = deliveries.GetProperty("deliveries")[0].GetProperty("id").GetString()!,
            ["export_id"] = export.GetProperty("id").GetString()!,
            ["content"] = "performance",
        };

        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("_id", StringComparison.Ordinal)))
            .ToList();
        Assert.True(endpoints.Count >= 8, $"only {endpoints.Count} id endpoints found");

        using var stranger = api.Partner(Guid.NewGuid());
        foreach (var endpoint in endpoints)
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Assert.Contains(parameter.Name, (IDictionary<string, string>)ids),
                _ => "",
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH")
                {
                    request.Content = JsonContent.Create(new { });
                }

                var response = await stranger.SendAsync(request);
                await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound, ErrorCodes.NotFound.Code);
            }
        }

        // The stranger's attempts changed nothing: the owner still has its subscription and content.
        var kept = await ProblemAssert.IsSuccess(await ownerClient.GetAsync($"/v2/partners/subscriptions/{ids["subscription_id"]}"));
        Assert.Equal(1, kept.GetProperty("contents").GetArrayLength());
    }

    [Fact]
    public async Task Lists_show_only_the_callers_own_subscriptions_deliveries_and_exports()
    {
        var owner = Guid.NewGuid();
        await api.SubscribeAsync(owner, api.NewLocalBucket(), ["performance"]);
        using var ownerClient = api.Partner(owner);
        await ownerClient.PostAsJsonAsync("/v2/partners/exports", new { list = "orders" });

        using var stranger = api.Partner(Guid.NewGuid());
        foreach (var list in new[] { "/v2/partners/subscriptions", "/v2/partners/subscriptions/deliveries", "/v2/partners/exports" })
        {
            var body = await ProblemAssert.IsSuccess(await stranger.GetAsync(list));
            Assert.Equal(0, body.GetProperty("total_count").GetInt32());
        }
    }

    [Fact]
    public async Task A_caller_without_a_partner_is_refused()
    {
        using var vendor = api.CreateCallerClient(new CurrentCaller { IsAuthenticated = true, UserId = "ops-1", VendorRole = "ops" });
        await ProblemAssert.IsProblem(await vendor.GetAsync("/v2/partners/exports"), HttpStatusCode.Forbidden, ErrorCodes.AccessDenied.Code);
        using var anonymous = api.CreateCallerClient(null);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/v2/partners/subscriptions"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated.Code);
    }
}
