using Gateway.Downstream;

namespace Gateway.Apis;

/// <summary>
/// The developer portal at <c>/docs</c>: Swagger UI listing every service's OpenAPI document,
/// fetched through the gateway at <c>/openapi/{service}/v1.json</c> (routed to the service's own
/// <c>/openapi/v1.json</c> by the route table).
/// </summary>
public static class DocsApi
{
    public const string RoutePrefix = "docs";

    public static string DocumentPath(string service) => $"/openapi/{service}/v1.json";

    /// <summary>Only requests under <c>/docs</c> enter Swagger UI's middleware (it matches paths with regular expressions).</summary>
    public static IApplicationBuilder UseDeveloperPortal(this IApplicationBuilder app, IConfiguration configuration) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/" + RoutePrefix, StringComparison.OrdinalIgnoreCase),
            docs => docs.UseSwaggerUI(options =>
            {
                options.RoutePrefix = RoutePrefix;
                options.DocumentTitle = "PartnerPlatform API";
                foreach (var service in DownstreamServices.ServiceNames(configuration))
                {
                    options.SwaggerEndpoint(DocumentPath(service), service);
                }
            }));
}
