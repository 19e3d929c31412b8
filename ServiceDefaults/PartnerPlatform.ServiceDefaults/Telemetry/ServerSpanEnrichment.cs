using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The framework's server span carries no HTTP attributes of its own (the instrumentation package
/// that would add them is not used): this names it <c>GET /v2/coupons/{id}</c> and adds the
/// semantic-convention attributes, the status code and an error status for 5xx.
/// </summary>
internal static class ServerSpanEnrichment
{
    public static IApplicationBuilder UseServerSpanEnrichment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            finally
            {
                Enrich(context);
            }
        });

    private static void Enrich(HttpContext context)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var request = context.Request;
        var route = context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : null;
        activity.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("http.route", route);
        activity.SetTag("http.response.status_code", context.Response.StatusCode);
        if (context.Response.StatusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
