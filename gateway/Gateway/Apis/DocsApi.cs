using Gateway.Downstream;
using Gateway.Portal;

namespace Gateway.Apis;

/// <summary>
/// The developer portal at <c>/docs</c>: Swagger UI over the OpenAPI document of every service
/// whose address is configured, fetched through the gateway at <c>/openapi/{service}/v1.json</c>
/// (routed to the service's own <c>/openapi/v1.json</c> by the route table), with a sign-in bar
/// (<c>POST /v2/auth/login</c>, the token then sent by "Try it out"), a getting-started page and
/// the event catalogue as an AsyncAPI document at <see cref="AsyncApiPath"/>.
/// </summary>
public static class DocsApi
{
    public const string RoutePrefix = "docs";
    public const string GettingStartedPath = "/docs/getting-started";
    public const string PortalScriptPath = "/docs/portal.js";
    public const string PortalStylesPath = "/docs/portal.css";
    public const string AsyncApiPath = "/openapi/events/asyncapi.json";

    public static string DocumentPath(string service) => $"/openapi/{service}/v1.json";

    /// <summary>
    /// The services listed in the portal: every cluster whose service has an address
    /// (<c>services:{name}:http:0</c> or <c>https:0</c>); an unconfigured one would only show a 503.
    /// </summary>
    public static IReadOnlyList<string> ConfiguredServices(IConfiguration configuration) =>
        [.. DownstreamServices.ServiceNames(configuration).Where(service =>
            !string.IsNullOrWhiteSpace(configuration[$"services:{service}:http:0"])
            || !string.IsNullOrWhiteSpace(configuration[$"services:{service}:https:0"]))];

    /// <summary>Only requests under <c>/docs</c> enter Swagger UI's middleware (it matches paths with regular expressions).</summary>
    public static IApplicationBuilder UseDeveloperPortal(this IApplicationBuilder app, IConfiguration configuration) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/" + RoutePrefix, StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(options =>
            {
                options.RoutePrefix = RoutePrefix;
                options.DocumentTitle = "PartnerPlatform API";
                var services = ConfiguredServices(configuration);
                foreach (var service in services)
                {
                    options.SwaggerEndpoint(DocumentPath(service), service);
                }

                // Opens on the first service of the route table (identity-api: sign-in, customers) rather than the alphabetically first.
                if (services.Count > 0)
                {
                    options.ConfigObject.AdditionalItems["urls.primaryName"] = services[0];
                }

                // Relative to /docs/index.html, so the portal works under any path base.
                options.InjectJavascript("portal.js");
                options.InjectStylesheet("portal.css");
                options.EnablePersistAuthorization();
                options.DisplayOperationId();
                options.DisplayRequestDuration();
                // Swashbuckle takes the text between the outer braces as the function's body.
                options.UseRequestInterceptor("(request) => { return window.partnerPlatform ? window.partnerPlatform.authorize(request) : request; }");
            }));

    public static IEndpointRouteBuilder MapDocsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(GettingStartedPath, () => PortalFiles.Result("getting-started.html", "text/html; charset=utf-8"))
            .WithName("GetGettingStarted")
            .ExcludeFromDescription();
        app.MapGet(PortalScriptPath, () => PortalFiles.Result("portal.js", "text/javascript; charset=utf-8"))
            .WithName("GetPortalScript")
            .ExcludeFromDescription();
        app.MapGet(PortalStylesPath, () => PortalFiles.Result("portal.css", "text/css; charset=utf-8"))
            .WithName("GetPortalStyles")
            .ExcludeFromDescription();
        app.MapGet(AsyncApiPath, () => PortalFiles.Result("asyncapi.json", "application/json"))
            .WithName("GetEventCatalogue")
            .ExcludeFromDescription();
        return app;
    }
}
