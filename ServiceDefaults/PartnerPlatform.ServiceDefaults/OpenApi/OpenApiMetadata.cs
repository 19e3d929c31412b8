using Microsoft.AspNetCore.Builder;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>The service-specific error codes an endpoint may answer, listed in its OpenAPI responses.</summary>
public sealed class ErrorCodesMetadata(IReadOnlyList<ErrorCode> codes)
{
    public IReadOnlyList<ErrorCode> Codes { get; } = codes;
}

/// <summary>An example request body shown in the endpoint's OpenAPI operation.</summary>
public sealed class RequestExampleMetadata(string json)
{
    public string Json { get; } = json;
}

/// <summary>An example response body for <see cref="Status"/> shown in the endpoint's OpenAPI operation.</summary>
public sealed class ResponseExampleMetadata(int status, string json)
{
    public int Status { get; } = status;

    public string Json { get; } = json;
}

/// <summary>Marks an update that requires <c>If-Match</c> (412 CBC.0157 without a current ETag).</summary>
public sealed class RequiresIfMatchMetadata
{
    public static RequiresIfMatchMetadata Instance { get; } = new();
}

public static class OpenApiEndpointExtensions
{
    /// <summary>
    /// The service's own codes this endpoint may answer (<c>.ProducesErrorCodes(CouponsErrors.QuotaExhausted)</c>);
    /// each appears under the response of its status in the OpenAPI document, beside the generic codes.
    /// With no codes it states that the endpoint answers none of the service's own codes.
    /// </summary>
    public static TBuilder ProducesErrorCodes<TBuilder>(this TBuilder builder, params ErrorCode[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorCodesMetadata(codes));

    /// <summary>An example request body (JSON, snake_case as on the wire).</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, string json)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExampleMetadata(json));

    /// <summary>An example response body (JSON, snake_case as on the wire) for <paramref name="status"/>.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, string json)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseExampleMetadata(status, json));
}
