using Microsoft.AspNetCore.Mvc;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Builds the platform's problem details: RFC 9457 plus <c>error_code</c>, <c>error_msg</c> and <c>errors</c>.</summary>
public static class Problems
{
    public const string ErrorCodeKey = "error_code";
    public const string ErrorMessageKey = "error_msg";
    public const string TraceIdKey = "trace_id";
    public const string ErrorsKey = "errors";
    public const string TypePrefix = "https://partner-platform/errors/";
    public const string ContentType = "application/problem+json";

    /// <summary>
    /// Problem details for <paramref name="error"/>; <paramref name="status"/> overrides the code's
    /// status (framework responses such as 405 or 415 keep theirs).
    /// </summary>
    public static ProblemDetails Create(
        ErrorCode error,
        string? message = null,
        IReadOnlyDictionary<string, string[]>? errors = null,
        int? status = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypePrefix + error.Code,
            Title = error.Title,
            Status = status ?? error.Status,
        };
        problem.Extensions[ErrorCodeKey] = error.Code;
        problem.Extensions[ErrorMessageKey] = message ?? error.Message;
        if (errors is { Count: > 0 })
        {
            problem.Extensions[ErrorsKey] = errors;
        }

        return problem;
    }
}
