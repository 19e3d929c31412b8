using PartnerPlatform.ServiceDefaults;

namespace Gateway;

/// <summary>Answers a request from the gateway itself as the platform's problem details.</summary>
internal static class GatewayProblems
{
    public static async Task WriteAsync(HttpContext context, ErrorCode error, string? message = null)
    {
        context.Response.StatusCode = error.Status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problems.Create(error, message),
        });
    }
}
