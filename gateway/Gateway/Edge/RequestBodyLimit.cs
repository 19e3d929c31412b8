using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Gateway.Edge;

/// <summary>
/// Bounds request bodies: <c>ReverseProxy:Routes:{id}:MaxRequestBodySize</c> when the route sets
/// one, else <see cref="GatewayOptions.MaxRequestBodyBytes"/>. A declared length over the limit is
/// answered 413 <c>GW.0413</c> before anything is forwarded; a chunked body is cut by the server
/// when it crosses the limit, and the proxy's error mapping answers the same code.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var routeLimit = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.MaxRequestBodySize;
            var limit = routeLimit ?? context.RequestServices.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue.MaxRequestBodyBytes;
            if (limit >= 0)
            {
                if (context.Request.ContentLength > limit)
                {
                    await GatewayProblems.WriteAsync(context, GatewayErrorCodes.RequestBodyTooLarge);
                    return;
                }

                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = limit;
                }
            }

            await next(context);
        });
}
