using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// OpenTelemetry through the hosting package: traces, metrics and logs of ASP.NET Core, outgoing
/// HTTP, the runtime, Npgsql, MassTransit and the platform's own sources; OTLP export only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the SDK reads it and <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).
/// Extra processors or readers: <c>services.ConfigureOpenTelemetryTracerProvider(…)</c> /
/// <c>ConfigureOpenTelemetryMeterProvider(…)</c>.
/// </summary>
public static class PlatformTelemetry
{
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The platform's own sources and meters: name them <c>PartnerPlatform.{Service}</c>.</summary>
    public const string OwnSources = "PartnerPlatform.*";

    /// <summary>MassTransit's activity source and meter (publish, send, receive, consume).</summary>
    public const string MassTransitSource = "MassTransit";

    /// <summary>
    /// The source of the StackExchange.Redis instrumentation. The client emits no spans itself; the
    /// source is listened to so registering that instrumentation is all it takes.
    /// </summary>
    public const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    /// <summary>Framework meters the instrumentation packages do not add themselves.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.Identity",
        "System.Net.NameResolution",
    ];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var serviceName = builder.Configuration[ServiceNameKey] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(MassTransitSource, OwnSources)
                .AddMeter(FrameworkMeters))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(MassTransitSource, RedisSource, OwnSources));

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    // Orchestrators poll these every few seconds: their spans would bury the real traffic.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(PlatformHealthChecks.AlivePath) || path.StartsWithSegments(PlatformHealthChecks.HealthPath);
}
