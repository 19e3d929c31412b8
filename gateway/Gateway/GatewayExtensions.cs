using Gateway.Apis;
using Gateway.Downstream;
using Gateway.Edge;
using Gateway.Proxy;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using PartnerPlatform.ServiceDefaults;

namespace Gateway;

public static class GatewayExtensions
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        var services = builder.Services;
        var configuration = builder.Configuration;

        // The edge decides who needs a token from Gateway:PublicRoutes; proxied routes carry no
        // endpoint policy, so the services' "authenticated by default" fallback is switched off here.
        services.AddAuthorizationBuilder().SetFallbackPolicy(null);

        services.AddErrorCodes(GatewayErrorCodes.All);
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName));
        services.Configure<SocketTransportOptions>(options =>
            options.UnsafePreferInlineScheduling = configuration.GetValue<bool>($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.InlineScheduling)}"));
        services.AddSingleton(sp => new PublicRoutes(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.PublicRoutes));
        services.AddSingleton<DownstreamServices>();
        services.AddHttpClient(DownstreamServices.HttpClientName).AddStandardResilienceHandler(DownstreamServices.ConfigureResilience);

        // AddServiceDefaults registers the Redis client and the platform's rate limiter when the connection string is set.
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(ServiceDefaultsExtensions.RedisConnectionName)))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ServiceDefaultsExtensions.RedisConnectionName} is not configured: the gateway keeps its rate limits in Redis.");
        }

        // A cluster's destination names a service (http://identity-api); Aspire's services:{name}:http:0
        // (or https:0) says where it is. No pass-through to DNS: a service without an address leaves
        // its cluster empty, and its routes answer 503 GW.0503.
        services.AddServiceDiscoveryCore();
        services.AddConfigurationServiceEndpointProvider();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<UpstreamTimeoutConfigFilter>()
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(OpenApiDocuments.AddTransforms);

        var origins = configuration.GetSection($"{GatewayOptions.SectionName}:Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyMethod()
            .AllowAnyHeader()
            .WithExposedHeaders(RequestIdentity.RequestIdHeader, "Retry-After", "ETag", "Location")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    /// <summary>
    /// The edge pipeline, in order: internal headers out and request id in, problem details for
    /// exceptions and bare status codes, header and request-target size limits (431/414 as problems),
    /// CORS (preflights end here), routing, bearer token (401 unless public), rate limits, body size,
    /// developer portal.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PublicRoutes>(); // a malformed pattern fails at start
        app.UseRequestIdentity();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        app.UseCors();
        app.UseRouting();
        app.UseAuthentication();
        // Limits before the 401: a request without a valid token is counted against its source
        // address, so a flood of them is refused 429 like any other.
        app.UseEdgeRateLimits();
        app.UseEdgeAuthentication();
        app.UseAuthorization();
        app.UseRequestBodyLimit();
        app.UseDeveloperPortal(app.Configuration);
        return app;
    }

    /// <summary>
    /// The gateway's own endpoints — aggregated <c>/health</c> and merged error catalogue, in
    /// place of the per-service ones of <c>MapDefaultEndpoints</c> — and the proxied routes.
    /// </summary>
    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapHealthApi();
        app.MapErrorCodesApi();
        app.MapDocsApi();
        app.MapReverseProxy(proxy =>
        {
            // No session affinity step: the services keep no per-client state.
            proxy.Use(UpstreamErrors.MapAsync);
            proxy.UseLoadBalancing();
        });
        return app;
    }
}
