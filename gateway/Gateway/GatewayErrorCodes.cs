using PartnerPlatform.ServiceDefaults;

namespace Gateway;

/// <summary>Codes only the gateway answers with; registered in its catalogue and merged into <c>GET /v2/reference/error-codes</c>.</summary>
public static class GatewayErrorCodes
{
    public static readonly ErrorCode RequestBodyTooLarge =
        new("GW.0413", 413, "Request body too large", "The request body exceeds the size this route accepts.");

    public static readonly ErrorCode BadUpstreamResponse =
        new("GW.0502", 502, "Bad upstream response", "The service behind this route answered with an invalid response.");

    public static readonly ErrorCode ServiceUnavailable =
        new("GW.0503", 503, "Service unavailable", "The service behind this route is not available. Retry later.");

    public static readonly ErrorCode UpstreamTimeout =
        new("GW.0504", 504, "Upstream timeout", "The service behind this route did not answer in time.");

    public static IReadOnlyList<ErrorCode> All { get; } = [RequestBodyTooLarge, BadUpstreamResponse, ServiceUnavailable, UpstreamTimeout];
}
