using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Answers authorization failures as problem details: 401 CBC.0154 when the token is missing,
/// invalid or expired; 403 CBC.0155 when a permission item is missing; 403 CBC.0151 otherwise
/// (wrong programme, vendor role or caller kind).
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await ForEachScheme(policy, scheme => context.ChallengeAsync(scheme), () => context.ChallengeAsync());
            await WriteAsync(context, ErrorCodes.Unauthenticated);
        }
        else if (authorizeResult.Forbidden)
        {
            await ForEachScheme(policy, scheme => context.ForbidAsync(scheme), () => context.ForbidAsync());
            var missingPermission = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().FirstOrDefault();
            await WriteAsync(
                context,
                missingPermission is null ? ErrorCodes.AccessDenied : ErrorCodes.NoPermissionItem,
                missingPermission is null ? null : $"The permission item '{missingPermission.PermissionItem}' is required.");
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    private static async Task ForEachScheme(AuthorizationPolicy policy, Func<string, Task> perScheme, Func<Task> defaultScheme)
    {
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await defaultScheme();
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await perScheme(scheme);
        }
    }

    private async Task WriteAsync(HttpContext context, ErrorCode error, string? message = null)
    {
        var problem = Problems.Create(error, message);
        context.Response.StatusCode = error.Status;
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
