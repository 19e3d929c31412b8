using PartnerPlatform.ServiceDefaults;

namespace Gateway.Edge;

/// <summary>
/// Validates the bearer token at the edge with the platform's JWT handler against identity-api's published keys: a
/// request without a valid token is answered 401 <c>CBC.0154</c> here, unless its path is in
/// <see cref="PublicRoutes"/>. The token itself is forwarded untouched; services validate it again.
/// </summary>
internal static class EdgeAuthentication
{
    public static IApplicationBuilder UseEdgeAuthentication(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // UseAuthentication ran before: the default scheme is the platform's bearer token.
            if (context.User.Identity?.IsAuthenticated != true
                && !context.RequestServices.GetRequiredService<PublicRoutes>().IsPublic(context.Request.Path))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await GatewayProblems.WriteAsync(context, ErrorCodes.Unauthenticated);
                return;
            }

            await next(context);
        });
}
