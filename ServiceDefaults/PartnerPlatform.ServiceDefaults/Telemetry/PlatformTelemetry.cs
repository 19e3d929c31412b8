using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// OpenTelemetry through the SDK builders (no hosting or instrumentation packages): the tracer and
/// meter providers subscribe to the framework's built-in sources and meters and live as long as
/// the host's service provider; logs go through the logging provider. OTLP export only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it, and without anything added through
/// <see cref="ConfigurePlatformTracing"/> or <see cref="ConfigurePlatformMetrics"/>, spans and
/// measurements are not recorded at all.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>Activity sources recorded as spans (wildcards allowed).</summary>
    public static IReadOnlyList<string> ActivitySources { get; } =
        ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", "PartnerPlatform.*"];

    /// <summary>Meters collected.</summary>
    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Identity",
        "System.Net.Http", "System.Net.NameResolution", "System.Runtime", "MassTransit", "Npgsql", "PartnerPlatform.*",
    ];

    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static IHostApplicationBuilder AddPlatformTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var serviceName = configuration[ServiceNameKey] is { Length: > 0 } name ? name : builder.Environment.ApplicationName;
        var environmentName = builder.Environment.EnvironmentName;

        ResourceBuilder CreateResource() => ResourceBuilder.CreateDefault()
            .AddService(serviceName)
            .AddAttributes([new("deployment.environment.name", environmentName)]);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(CreateResource());
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
            if (OtlpTarget.From(configuration) is { } target)
            {
                logging.AddOtlpExporter(options => target.Apply(options, "v1/logs"));
            }
        });

        // With no exporter and nothing added through ConfigurePlatformTracing/-Metrics no span or
        // measurement would go anywhere: the providers then subscribe to no source and no meter, so
        // requests do not pay for recording them. The framework still creates its own activity per
        // request, so trace context is continued and propagated either way.
        builder.Services.AddSingleton(services =>
        {
            var extra = services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Tracing;
            var target = OtlpTarget.From(configuration);
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(CreateResource());
            if (extra.Count == 0 && target is null)
            {
                return tracing.Build();
            }

            tracing.AddSource([.. ActivitySources]);
            foreach (var configure in extra)
            {
                configure(tracing);
            }

            if (target is not null)
            {
                tracing.AddOtlpExporter(options => target.Apply(options, "v1/traces"));
            }

            return tracing.Build();
        });

        builder.Services.AddSingleton(services =>
        {
            var extra = services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
            var target = OtlpTarget.From(configuration);
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(CreateResource());
            if (extra.Count == 0 && target is null)
            {
                return metrics.Build();
            }

            metrics.AddMeter([.. Meters]);
            foreach (var configure in extra)
            {
                configure(metrics);
            }

            if (target is not null)
            {
                metrics.AddOtlpExporter(options => target.Apply(options, "v1/metrics"));
            }

            return metrics.Build();
        });

        builder.Services.AddHostedService<TelemetryProvidersStarter>();
        return builder;
    }

    /// <summary>Adds to the tracer provider (extra sources, processors) before it is built.</summary>
    public static IServiceCollection ConfigurePlatformTracing(this IServiceCollection services, Action<TracerProviderBuilder> configure) =>
        services.Configure<TelemetryOptions>(options => options.Tracing.Add(configure));

    /// <summary>Adds to the meter provider (extra meters, readers) before it is built.</summary>
    public static IServiceCollection ConfigurePlatformMetrics(this IServiceCollection services, Action<MeterProviderBuilder> configure) =>
        services.Configure<TelemetryOptions>(options => options.Metrics.Add(configure));

    /// <summary>Where OTLP data goes, from the Aspire-style environment keys.</summary>
    private sealed record OtlpTarget(Uri Endpoint, OtlpExportProtocol Protocol)
    {
        public static OtlpTarget? From(IConfiguration configuration)
        {
            if (configuration[OtlpEndpointKey] is not { Length: > 0 } endpoint)
            {
                return null;
            }

            var protocol = configuration[OtlpProtocolKey] is "http/protobuf"
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            return new OtlpTarget(new Uri(endpoint), protocol);
        }

        /// <summary>Like the SDK's own reading of the variable: over HTTP the signal's path is appended.</summary>
        public void Apply(OtlpExporterOptions options, string signalPath)
        {
            options.Protocol = Protocol;
            options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
                : Endpoint;
        }
    }
}

/// <summary>Extra configuration of the providers, collected before they are built.</summary>
public sealed class TelemetryOptions
{
    internal List<Action<TracerProviderBuilder>> Tracing { get; } = [];

    internal List<Action<MeterProviderBuilder>> Metrics { get; } = [];
}

/// <summary>Builds both providers when the host starts, so they listen before the first request.</summary>
internal sealed class TelemetryProvidersStarter(TracerProvider tracerProvider, MeterProvider meterProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tracerProvider.ForceFlush(5000);
        meterProvider.ForceFlush(5000);
        return Task.CompletedTask;
    }
}
