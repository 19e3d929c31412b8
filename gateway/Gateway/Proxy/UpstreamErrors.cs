using Microsoft.AspNetCore.Diagnostics;
using PartnerPlatform.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// First step of the proxy pipeline: proxied responses pass through untouched (no status-code
/// page is added to an upstream's empty 404), and a failed forward that has not started a
/// response is answered with a code: no address or unreachable → 503 <c>GW.0503</c>, no answer
/// in time → 504 <c>GW.0504</c>, broken upstream response → 502 <c>GW.0502</c>, request body over
/// the limit → 413 <c>GW.0413</c>.
/// </summary>
internal static class UpstreamErrors
{
    public static async Task MapAsync(HttpContext context, Func<Task> next)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next();

        if (context.GetForwarderErrorFeature() is not { } failure || context.Response.HasStarted)
        {
            return;
        }

        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        var (error, message) = failure.Error switch
        {
            ForwarderError.NoAvailableDestinations =>
                (GatewayErrorCodes.ServiceUnavailable, $"The {service} service has no address configured or no healthy instance."),
            ForwarderError.Request when failure.Exception is not OperationCanceledException =>
                (GatewayErrorCodes.ServiceUnavailable, $"The {service} service cannot be reached."),
            ForwarderError.RequestTimedOut =>
                (GatewayErrorCodes.UpstreamTimeout, $"The {service} service did not answer in time."),
            ForwarderError.RequestBodyClient when IsTooLarge(failure.Exception) =>
                (GatewayErrorCodes.RequestBodyTooLarge, null),
            ForwarderError.RequestBodyClient =>
                (ErrorCodes.InvalidParameter, "The request body could not be read."),
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled =>
                ((ErrorCode?)null, null),
            _ => (GatewayErrorCodes.BadUpstreamResponse, $"The {service} service answered with an invalid response."),
        };

        if (error is not null)
        {
            await GatewayProblems.WriteAsync(context, error, message);
        }
    }

    private static bool IsTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
