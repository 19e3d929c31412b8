using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// What every service and the gateway share. <c>Program.cs</c>:
/// <c>builder.AddServiceDefaults(); builder.Add{Service}Services(); app.MapDefaultEndpoints(); app.Map{Resource}Api();</c>
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string ErrorCodesPath = "/v2/reference/error-codes";
    public const string RedisConnectionName = "redis";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        // Ahead of the framework's writer, so every problem comes out in the platform's shape.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, PlatformProblemDetailsWriter>());
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<ErrorCatalogue>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        services.ConfigureHttpJsonOptions(options => PlatformJson.Configure(options.SerializerOptions));
        services.Configure<KestrelServerOptions>(RequestLimits.ConfigureKestrel);

        builder.AddPlatformAuthentication();
        builder.AddPlatformRedis();
        builder.AddGatewayForwarding();
        return builder;
    }

    /// <summary>The liveness check <c>self</c>: the process answers.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [PlatformHealthChecks.LiveTag]);
        return builder;
    }

    /// <summary>
    /// With <c>ConnectionStrings:redis</c>: one <see cref="IConnectionMultiplexer"/> for the process,
    /// the rate limiter over it and a readiness check (PING). The multiplexer connects when first
    /// resolved and keeps reconnecting in the background; while it is down commands fail at once
    /// (no backlog), so callers decide quickly what an outage means for them.
    /// </summary>
    private static void AddPlatformRedis(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        if (builder.Configuration.GetConnectionString(RedisConnectionName) is not { Length: > 0 } connectionString)
        {
            return;
        }

        var redisOptions = ConfigurationOptions.Parse(connectionString);
        redisOptions.AbortOnConnectFail = false;
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        services.AddHostedService<RedisConnectionAtStart>();
        services.TryAddSingleton(provider => new RedisRateLimiter(provider.GetRequiredService<IConnectionMultiplexer>()));
        services.TryAddSingleton<PlatformRateLimiter>();
        // Degraded, not unhealthy: rate limits pass without Redis (fail open) and only identity-api's
        // verification codes need it, so an outage must not take every instance out of rotation.
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            RedisConnectionName,
            provider => new RedisHealthCheck(provider.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Degraded,
            [PlatformHealthChecks.ReadyTag],
            PlatformHealthChecks.DefaultTimeout));
    }

    /// <summary>
    /// The request pipeline (the client's address from a trusted gateway, exception handler, problem details for bare status
    /// codes, request size limits and input hygiene answered as problems, authentication, rate limits, authorization, body buffering for idempotent endpoints)
    /// and the endpoints every service serves: <c>/alive</c>, <c>/health</c> and
    /// <c>GET /v2/reference/error-codes</c>, all anonymous, in every environment. Call it before
    /// mapping the service's own endpoints.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseGatewayForwarding();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseInputHygiene();
        app.UseAuthentication();
        app.UsePlatformRateLimiting();
        app.UseAuthorization();
        app.UseIdempotencyBuffering();

        app.MapHealthChecks(PlatformHealthChecks.AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(PlatformHealthChecks.LiveTag),
            ResponseWriter = PlatformHealthChecks.WriteResponse,
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks(PlatformHealthChecks.HealthPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(PlatformHealthChecks.ReadyTag),
            ResponseWriter = PlatformHealthChecks.WriteResponse,
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet(ErrorCodesPath, (ErrorCatalogue catalogue) => TypedResults.Ok(new ErrorCodesResponse(
                [.. catalogue.Codes.OrderBy(c => c.Code, StringComparer.Ordinal)
                    .Select(c => new ErrorCodeView(c.Code, c.Status, c.Title, c.Message))])))
            .WithName("GetErrorCodes")
            .WithSummary("The error codes this service answers with")
            .WithTags("Reference")
            .AllowAnonymous();
        return app;
    }

    public sealed record ErrorCodesResponse(IReadOnlyList<ErrorCodeView> ErrorCodes);

    public sealed record ErrorCodeView(string ErrorCode, int Status, string Title, string ErrorMsg);
}
