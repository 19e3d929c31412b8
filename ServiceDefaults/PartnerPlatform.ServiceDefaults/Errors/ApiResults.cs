using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Typed results for endpoints that answer an error without throwing.</summary>
public static class ApiResults
{
    /// <summary>problem+json with the code's status, <c>error_code</c> and <c>error_msg</c>.</summary>
    public static ProblemHttpResult Problem(ErrorCode error, string? message = null, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Problem(Problems.Create(error, message, errors));

    public static ProblemHttpResult NotFound(string? message = null) => Problem(ErrorCodes.NotFound, message);

    public static ProblemHttpResult IllegalState(string? message = null) => Problem(ErrorCodes.IllegalState, message);

    public static ProblemHttpResult InvalidField(string field, string message) =>
        Problem(ErrorCodes.InvalidParameter, message, new Dictionary<string, string[]> { [field] = [message] });
}
