using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Writes every problem the application or the framework produces (exception handler, status code
/// pages, <c>TypedResults.Problem</c>, validation) in the platform's shape, whatever the Accept
/// header says: a response without an <c>error_code</c> gets one chosen by status.
/// </summary>
internal sealed class PlatformProblemDetailsWriter(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var httpContext = context.HttpContext;
        var problem = Normalize(context.ProblemDetails, httpContext);
        httpContext.Response.StatusCode = problem.Status ?? httpContext.Response.StatusCode;
        return new ValueTask(httpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, Problems.ContentType, httpContext.RequestAborted));
    }

    private static ProblemDetails Normalize(ProblemDetails problem, HttpContext httpContext)
    {
        problem.Status ??= httpContext.Response.StatusCode;
        if (!problem.Extensions.ContainsKey(Problems.ErrorCodeKey))
        {
            var error = ErrorCodes.ForStatus(problem.Status.Value);
            problem.Extensions[Problems.ErrorCodeKey] = error.Code;
            problem.Extensions[Problems.ErrorMessageKey] = problem.Status >= 500 ? error.Message : problem.Detail ?? error.Message;
            problem.Type = Problems.TypePrefix + error.Code;
            problem.Title = error.Title;
            problem.Detail = null;
        }

        if (problem is HttpValidationProblemDetails validation)
        {
            validation.Errors = validation.Errors.ToDictionary(e => SnakeCaseFieldName(e.Key), e => e.Value, StringComparer.Ordinal);
        }

        problem.Extensions.Remove("traceId");
        problem.Extensions[Problems.TraceIdKey] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
        return problem;
    }

    /// <summary><c>Items[0].UnitPrice</c> → <c>items[0].unit_price</c>.</summary>
    internal static string SnakeCaseFieldName(string name) =>
        string.Join('.', name.Split('.').Select(part =>
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? JsonNamingPolicy.SnakeCaseLower.ConvertName(part)
                : JsonNamingPolicy.SnakeCaseLower.ConvertName(part[..bracket]) + part[bracket..];
        }));
}
