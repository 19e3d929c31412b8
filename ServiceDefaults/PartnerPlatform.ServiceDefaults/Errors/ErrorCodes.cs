namespace PartnerPlatform.ServiceDefaults;

/// <summary>The generic codes of the API conventions, shared by every service.</summary>
public static class ErrorCodes
{
    public static readonly ErrorCode InvalidParameter =
        new("CBC.0100", 400, "Invalid parameter", "The request contains an invalid parameter.");

    public static readonly ErrorCode ParameterOutOfRange =
        new("CBC.0101", 400, "Parameter out of range", "A parameter is out of its allowed range.");

    public static readonly ErrorCode InvalidCharacter =
        new("CBC.0102", 400, "Invalid character", "A text value contains a character the platform does not accept (NUL, U+0000).");

    public static readonly ErrorCode IllegalState =
        new("CBC.0150", 409, "Illegal operation", "The operation is not allowed in the resource's current state.");

    public static readonly ErrorCode AccessDenied =
        new("CBC.0151", 403, "Access denied", "Access denied.");

    public static readonly ErrorCode Unauthenticated =
        new("CBC.0154", 401, "Unauthenticated", "The token is missing, invalid or expired.");

    public static readonly ErrorCode NoPermissionItem =
        new("CBC.0155", 403, "No permission", "The caller lacks the permission item this operation requires.");

    public static readonly ErrorCode NotFound =
        new("CBC.0156", 404, "Not found", "The resource does not exist or does not belong to the caller.");

    public static readonly ErrorCode PreconditionFailed =
        new("CBC.0157", 412, "Precondition failed", "The resource has changed: If-Match does not carry its current ETag.");

    public static readonly ErrorCode IdempotencyKeyReused =
        new("CBC.0158", 422, "Idempotency key reused", "The Idempotency-Key was already used with a different request.");

    public static readonly ErrorCode FlowControl =
        new("CBC.0250", 429, "Too many requests", "Too many requests. Retry after the time given in Retry-After.");

    public static readonly ErrorCode ServiceUnavailable =
        new("CBC.0998", 503, "Service unavailable", "A resource the service needs is unavailable for a moment. Retry after the time given in Retry-After.");

    public static readonly ErrorCode InternalError =
        new("CBC.0999", 500, "Internal error", "An internal error occurred.");

    public static IReadOnlyList<ErrorCode> All { get; } =
    [
        InvalidParameter, ParameterOutOfRange, InvalidCharacter, IllegalState, AccessDenied, Unauthenticated, NoPermissionItem,
        NotFound, PreconditionFailed, IdempotencyKeyReused, FlowControl, ServiceUnavailable, InternalError,
    ];

    /// <summary>
    /// The code for a response the framework produced on its own (unknown route, wrong method,
    /// unreadable body…), chosen by status. Such responses keep their HTTP status.
    /// </summary>
    public static ErrorCode ForStatus(int status) => status switch
    {
        401 => Unauthenticated,
        403 => AccessDenied,
        404 => NotFound,
        409 => IllegalState,
        412 or 428 => PreconditionFailed,
        429 => FlowControl,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => InvalidParameter,
    };
}
