namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Ends a request with a catalogued error: the exception handler answers it as problem details
/// with the code's status, <c>error_code</c>, <c>error_msg</c> and, for field errors, <c>errors</c>.
/// </summary>
public class ApiException : Exception
{
    public ApiException(ErrorCode error, string? message = null, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message ?? error.Message)
    {
        Error = error;
        Errors = errors;
    }

    public ApiException(ErrorCode error, string? message, Exception? innerException)
        : base(message ?? error.Message, innerException) => Error = error;

    public ErrorCode Error { get; }

    /// <summary>Field errors keyed by snake_case field name.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>400 CBC.0100 with one message for one field.</summary>
    public static ApiException InvalidField(string field, string message) =>
        new(ErrorCodes.InvalidParameter, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>400 CBC.0100 with field errors.</summary>
    public static ApiException Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorCodes.InvalidParameter, null, errors);

    /// <summary>404 CBC.0156: absent, or another partner's object.</summary>
    public static ApiException NotFound(string? message = null) => new(ErrorCodes.NotFound, message);

    /// <summary>409 CBC.0150: not allowed in the current state.</summary>
    public static ApiException IllegalState(string? message = null) => new(ErrorCodes.IllegalState, message);
}
