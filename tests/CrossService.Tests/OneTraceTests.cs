using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CrossService.Tests.Support;

namespace CrossService.Tests;

/// <summary>
/// One trace follows a request from the gateway through identity-api and its database, its outbox
/// and RabbitMQ, into the consumer of resellers-api. Spans are collected in-process with an
/// <see cref="ActivityListener"/>; every server involved is real.
/// </summary>
public sealed class OneTraceTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task A_registration_through_the_gateway_is_one_trace_from_the_edge_to_the_consumer_in_another_service()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var userName = "trace-" + Guid.NewGuid().ToString("N")[..12];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/partners/profile/register")
        {
            Content = JsonContent.Create(new
            {
                user_name = userName,
                password = "Trace-pass-1",
                company_name = "Company " + userName,
                email = userName + "@example.com",
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        var response = await platform.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var consumed = await WaitForAsync(spans, s =>
            s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
            && s.TagObjects.Any(t => t.Value?.ToString()?.Contains("Resellers.Api", StringComparison.Ordinal) == true));

        var all = spans.ToDictionary(s => s.SpanId);
        bool Under(Activity span, Activity ancestor)
        {
            for (var parent = span.ParentSpanId; all.TryGetValue(parent, out var next); parent = next.ParentSpanId)
            {
                if (parent == ancestor.SpanId)
                {
                    return true;
                }
            }

            return false;
        }

        var edge = Assert.Single(all.Values, s => s.Kind == ActivityKind.Server && s.ParentSpanId == callerSpan);
        var proxied = Assert.Single(all.Values, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && Under(s, edge));
        var service = Assert.Single(all.Values, s => s.Kind == ActivityKind.Server && s.ParentSpanId == proxied.SpanId);
        Assert.Equal("POST /v2/partners/profile/register", service.DisplayName);
        Assert.Contains(all.Values, s => s.Source.Name == "Npgsql" && Under(s, service));
        var relay = Assert.Single(all.Values, s => s.Source.Name == "PartnerPlatform.Messaging" && s.Kind == ActivityKind.Producer);
        Assert.True(Under(relay, service), "the outbox relay's publish is not under the request that wrote the event");
        var published = Assert.Single(all.Values, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && Under(s, relay));
        Assert.True(Under(consumed, published), "resellers-api's consumer is not under identity-api's publish");
        Assert.Equal(traceId, consumed.TraceId);
    }

    private static async Task<Activity> WaitForAsync(ConcurrentQueue<Activity> spans, Func<Activity, bool> predicate)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (spans.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException(
            "No consumer span of resellers-api joined the trace. Spans seen: "
            + string.Join("; ", spans.Select(s => $"{s.Source.Name}/{s.Kind}/{s.DisplayName}")));
    }
}
