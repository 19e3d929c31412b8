using System.Text.Json;
using Gateway.Downstream;
using PartnerPlatform.ServiceDefaults;

namespace Gateway.Apis;

/// <summary>
/// <c>GET /v2/reference/error-codes</c>: the gateway's own catalogue merged with every service's
/// (each serves its own at the same path), one entry per code with the services answering it.
/// A code's first definition wins (the gateway's, then services in route-table order); services
/// that did not answer are listed in <c>unavailable_services</c> so a partial answer says so.
/// </summary>
public static class ErrorCodesApi
{
    public static IEndpointRouteBuilder MapErrorCodesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ServiceDefaultsExtensions.ErrorCodesPath, GetErrorCodesAsync)
            .WithName("GetPlatformErrorCodes")
            .WithSummary("Every error code the platform answers with")
            .WithTags("Reference");
        return app;
    }

    private static async Task<MergedErrorCodes> GetErrorCodesAsync(
        DownstreamServices services, ErrorCatalogue gatewayCatalogue, CancellationToken cancellationToken)
    {
        var replies = await services.GetFromAllAsync(ServiceDefaultsExtensions.ErrorCodesPath, cancellationToken);

        var merged = new Dictionary<string, (ServiceDefaultsExtensions.ErrorCodeView Code, SortedSet<string> Services)>(StringComparer.Ordinal);
        void Add(string service, ServiceDefaultsExtensions.ErrorCodeView code)
        {
            if (!merged.TryGetValue(code.ErrorCode, out var entry))
            {
                entry = (code, new SortedSet<string>(StringComparer.Ordinal));
                merged[code.ErrorCode] = entry;
            }

            entry.Services.Add(service);
        }

        foreach (var code in gatewayCatalogue.Codes)
        {
            Add(HealthApi.GatewayComponent, new ServiceDefaultsExtensions.ErrorCodeView(code.Code, code.Status, code.Title, code.Message));
        }

        var unavailable = new List<string>();
        foreach (var reply in replies)
        {
            if (Parse(reply) is { } codes)
            {
                foreach (var code in codes)
                {
                    Add(reply.Service, code);
                }
            }
            else
            {
                unavailable.Add(reply.Service);
            }
        }

        return new MergedErrorCodes(
            [.. merged.Values
                .OrderBy(e => e.Code.ErrorCode, StringComparer.Ordinal)
                .Select(e => new MergedErrorCode(e.Code.ErrorCode, e.Code.Status, e.Code.Title, e.Code.ErrorMsg, [.. e.Services]))],
            unavailable);
    }

    private static IReadOnlyList<ServiceDefaultsExtensions.ErrorCodeView>? Parse(DownstreamReply reply)
    {
        if (reply is not { Outcome: DownstreamOutcome.Answered, StatusCode: >= 200 and < 300, Body: { } body })
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ServiceDefaultsExtensions.ErrorCodesResponse>(body, PlatformJson.Options)?.ErrorCodes;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed record MergedErrorCodes(IReadOnlyList<MergedErrorCode> ErrorCodes, IReadOnlyList<string> UnavailableServices);

    public sealed record MergedErrorCode(string ErrorCode, int Status, string Title, string ErrorMsg, IReadOnlyList<string> Services);
}
