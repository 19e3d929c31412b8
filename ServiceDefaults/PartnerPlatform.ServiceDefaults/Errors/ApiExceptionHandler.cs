using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Turns exceptions into problem details: <see cref="ApiException"/> with its code, unreadable
/// requests as 4xx CBC.0100, data-annotation validation as CBC.0100, optimistic-concurrency
/// conflicts as 412 CBC.0157 when the request sent <c>If-Match</c> and otherwise (a concurrent
/// writer won) as 409 CBC.0150, a unique violation that escaped its use case (a concurrent first
/// write won) as 409 CBC.0150, an unreachable database or Redis as 503 CBC.0998 with <c>Retry-After</c>,
/// anything else as 500 CBC.0999 without internals.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private const string ConcurrentChange = "A concurrent request changed the resource first. Read it again and retry if still needed.";

    /// <summary>How long a caller is asked to wait when the database is unavailable.</summary>
    internal static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = Map(exception, httpContext.Request.Headers.IfMatch.Count > 0);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected during an outage, and one per request: a warning without the stack.
            logger.LogWarning("Database or Redis unavailable on {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = ((int)UnavailableRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            // An expected refusal (a name taken, a duplicate, a state that forbids it): no fault, no stack trace.
            logger.LogInformation(
                "{Method} {Path} refused: {Status} {ErrorCode} {ErrorMessage}",
                httpContext.Request.Method, httpContext.Request.Path, problem.Status, problem.Extensions[Problems.ErrorCodeKey], problem.Extensions[Problems.ErrorMessageKey]);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails Map(Exception exception, bool ifMatchSent) => exception switch
    {
        ApiException api => Problems.Create(api.Error, api.Message, api.Errors),
        BadHttpRequestException bad => MapBadRequest(bad),
        System.ComponentModel.DataAnnotations.ValidationException validation => Problems.Create(
            ErrorCodes.InvalidParameter,
            validation.ValidationResult.ErrorMessage ?? ErrorCodes.InvalidParameter.Message,
            ValidationErrors(validation.ValidationResult)),
        _ when IsConcurrencyConflict(exception) => ifMatchSent
            ? Problems.Create(ErrorCodes.PreconditionFailed)
            : Problems.Create(ErrorCodes.IllegalState, ConcurrentChange),
        _ when exception.IsUniqueViolation() => Problems.Create(ErrorCodes.IllegalState, ConcurrentChange),
        _ when exception.IsDatabaseUnavailable() || exception.IsRedisUnavailable() => Problems.Create(ErrorCodes.ServiceUnavailable),
        _ => Problems.Create(ErrorCodes.InternalError),
    };

    private static ProblemDetails MapBadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode;
        var error = ErrorCodes.ForStatus(status);
        if (exception.InnerException is InvalidCharacterException invalid)
        {
            var refusal = TextHygiene.Refusal(FieldOf(invalid));
            return Problems.Create(refusal.Error, refusal.Message, refusal.Errors);
        }

        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json);
            return Problems.Create(
                error,
                "The request body is not valid JSON or does not match the expected shape.",
                new Dictionary<string, string[]> { [field] = ["The value is missing or not valid."] },
                status);
        }

        var message = status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "The request's content type is not supported.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ => exception.Message,
        };
        return Problems.Create(error, message, status: status);
    }

    private static string FieldOf(JsonException json) =>
        json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";

    private static Dictionary<string, string[]>? ValidationErrors(System.ComponentModel.DataAnnotations.ValidationResult result)
    {
        var message = result.ErrorMessage ?? ErrorCodes.InvalidParameter.Message;
        var fields = result.MemberNames.Select(PlatformProblemDetailsWriter.SnakeCaseFieldName).ToList();
        return fields.Count == 0 ? null : fields.ToDictionary(f => f, _ => new[] { message }, StringComparer.Ordinal);
    }

    /// <summary>
    /// EF Core's <c>DbUpdateConcurrencyException</c>, matched by name so this library does not
    /// depend on EF Core.
    /// </summary>
    private static bool IsConcurrencyConflict(Exception exception)
    {
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (type.Name == "DbUpdateConcurrencyException")
            {
                return true;
            }
        }

        return false;
    }
}
