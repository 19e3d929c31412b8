using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerPlatform.ServiceDefaults.Tests.Infrastructure;

namespace PartnerPlatform.ServiceDefaults.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task An_incoming_request_makes_a_server_span_whose_trace_continues_into_an_outgoing_call()
    {
        await using var downstream = await Listener.StartAsync();
        var spans = new ConcurrentQueue<(Activity Span, string? ServiceName)>();
        await using var host = await SampleHost.StartAsync(
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new CollectingProcessor(spans))),
            map: app => app.MapGet("/v2/call-out", async () =>
            {
                using var client = new HttpClient();
                await client.GetStringAsync(downstream.Url + "downstream");
                return TypedResults.Ok();
            }).AllowAnonymous());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.GetAsync("/v2/call-out")).StatusCode);

        var traceparent = downstream.Requests.Single(r => r.Path == "/downstream").TraceParent;
        Assert.NotNull(traceparent);
        var (traceId, callerSpanId) = (traceparent.Split('-')[1], traceparent.Split('-')[2]);

        // The outgoing call's span is the one named in traceparent; its parent is our request's server span.
        var client = await WaitForAsync(spans, s => s.Span.SpanId.ToHexString() == callerSpanId);
        Assert.Equal(ActivityKind.Client, client.Span.Kind);
        Assert.Equal("System.Net.Http", client.Span.Source.Name);
        Assert.Equal(traceId, client.Span.TraceId.ToHexString());
        var server = await WaitForAsync(spans, s => s.Span.SpanId == client.Span.ParentSpanId);
        Assert.Equal(ActivityKind.Server, server.Span.Kind);
        Assert.Equal("Microsoft.AspNetCore", server.Span.Source.Name);
        Assert.Equal(traceId, server.Span.TraceId.ToHexString());
        Assert.Equal("GET /v2/call-out", server.Span.DisplayName);
        Assert.Equal("/v2/call-out", server.Span.GetTagItem("http.route"));
        Assert.Equal(200, server.Span.GetTagItem("http.response.status_code"));
        Assert.Equal("sample-api", server.ServiceName);
    }

    [Fact]
    public async Task The_frameworks_http_server_and_runtime_meters_are_collected()
    {
        var exporter = new CollectingMetricExporter();
        await using var host = await SampleHost.StartAsync(
            configure: builder => builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(new BaseExportingMetricReader(exporter))),
            map: app => app.MapGet("/v2/ping", () => TypedResults.Ok()).AllowAnonymous());

        await host.Client.GetAsync("/v2/ping");
        // The request's duration is recorded as the request ends, just after the response is sent.
        for (var attempt = 0; attempt < 50 && !exporter.Seen.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration")); attempt++)
        {
            host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            await Task.Delay(100);
        }

        Assert.Contains(("Microsoft.AspNetCore.Hosting", "http.server.request.duration"), exporter.Seen);
        Assert.Contains(exporter.Seen, m => m.Meter == "System.Runtime");
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_metrics_and_logs_are_exported_there()
    {
        await using var collector = await Listener.StartAsync();
        var host = await SampleHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            map: app => app.MapGet("/v2/ping", (ILogger<TelemetryTests> logger) =>
            {
                logger.LogWarning("pinged");
                return TypedResults.Ok();
            }).AllowAnonymous());

        // The server span ends as the request pipeline completes, which may be just after the client has
        // the response: the host is disposed (and its exporters flushed) only once it has.
        var serverSpanEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Server && activity.GetTagItem("url.path") is "/v2/ping")
                {
                    serverSpanEnded.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await host.Client.GetAsync("/v2/ping");
        await serverSpanEnded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await host.DisposeAsync();

        var paths = collector.Requests.Select(r => r.Path).ToHashSet();
        Assert.Contains("/v1/traces", paths);
        Assert.Contains("/v1/metrics", paths);
        Assert.Contains("/v1/logs", paths);
        var traces = collector.Requests.First(r => r.Path == "/v1/traces");
        Assert.Equal("application/x-protobuf", traces.ContentType);
        Assert.Contains("sample-api", Encoding.UTF8.GetString(traces.Body), StringComparison.Ordinal);
    }

    private static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> items, Func<T, bool> predicate)
    {
        // Spans end on other threads slightly after the response is sent.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (items.FirstOrDefault(predicate) is { } found && !EqualityComparer<T>.Default.Equals(found, default))
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("No matching span was recorded.");
    }

    private sealed class CollectingProcessor(ConcurrentQueue<(Activity, string?)> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) =>
            spans.Enqueue((data, ParentProvider?.GetResource().Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string));
    }

    private sealed class CollectingMetricExporter : BaseExporter<Metric>
    {
        public ConcurrentBag<(string Meter, string Name)> Seen { get; } = [];

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                Seen.Add((metric.MeterName, metric.Name));
            }

            return ExportResult.Success;
        }
    }

    /// <summary>A second, plain HTTP server on 127.0.0.1 that records what reaches it.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Listener(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/";

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        public static async Task<Listener> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var listener = new Listener(app);
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                listener.Requests.Enqueue(new RecordedRequest(
                    context.Request.Path, context.Request.Headers["traceparent"].FirstOrDefault(), context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
            });
            await app.StartAsync();
            return listener;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record RecordedRequest(string Path, string? TraceParent, string? ContentType, byte[] Body);
}
