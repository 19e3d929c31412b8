using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// The size limits of a request's headers and target. Kestrel answers a request over its own
/// limits with an empty 431 or 414 before any middleware runs, so Kestrel is given room above
/// the platform's limits and the platform enforces them itself, answering a problem with a code.
/// </summary>
public static class RequestLimits
{
    /// <summary>All request headers together (Kestrel's own default).</summary>
    public const int MaxHeadersTotalSize = 32 * 1024;

    /// <summary>The request target: path and query string (Kestrel's own default).</summary>
    public const int MaxRequestTargetSize = 8 * 1024;

    /// <summary>How much more Kestrel accepts, so that the platform is the one refusing.</summary>
    private const int KestrelHeadroom = 4;

    internal static void ConfigureKestrel(KestrelServerOptions options)
    {
        options.Limits.MaxRequestHeadersTotalSize = KestrelHeadroom * MaxHeadersTotalSize;
        options.Limits.MaxRequestLineSize = KestrelHeadroom * MaxRequestTargetSize;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;
        if (target.Length > MaxRequestTargetSize)
        {
            throw new Microsoft.AspNetCore.Http.BadHttpRequestException(
                $"The request target (path and query) is longer than {MaxRequestTargetSize} bytes.", StatusCodes.Status414UriTooLong);
        }

        var headersSize = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            headersSize += name.Length + 4;
            foreach (var value in values)
            {
                headersSize += value?.Length ?? 0;
            }
        }

        if (headersSize > MaxHeadersTotalSize)
        {
            throw new Microsoft.AspNetCore.Http.BadHttpRequestException(
                $"The request headers are larger than {MaxHeadersTotalSize} bytes in total.", StatusCodes.Status431RequestHeaderFieldsTooLarge);
        }

        return next(context);
    });
}
