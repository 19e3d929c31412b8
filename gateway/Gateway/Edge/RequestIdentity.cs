namespace Gateway.Edge;

/// <summary>
/// First step of every request: removes <see cref="InternalHeaders"/> and makes sure the request
/// carries an <c>X-Request-Id</c> (the client's when it is a sane token, else a new one), which is
/// forwarded upstream and echoed on the response. <c>traceparent</c> needs nothing here: the
/// framework continues the trace and the forwarding client propagates it.
/// </summary>
internal static class RequestIdentity
{
    public const string RequestIdHeader = "X-Request-Id";
    private const int MaxRequestIdLength = 128;

    public static IApplicationBuilder UseRequestIdentity(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            InternalHeaders.StripFrom(context.Request.Headers);

            var requestId = context.Request.Headers[RequestIdHeader].ToString();
            if (!IsAcceptable(requestId))
            {
                requestId = Guid.NewGuid().ToString("N");
                context.Request.Headers[RequestIdHeader] = requestId;
            }

            // Set when the response starts, so it wins over whatever an upstream echoed.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[RequestIdHeader] = requestId;
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxRequestIdLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
