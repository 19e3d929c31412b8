using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's row version (PostgreSQL <c>xmin</c> or a version
/// column) is its strong ETag <c>"42"</c>; updates carry it in <c>If-Match</c>. A missing, malformed
/// or stale If-Match answers 412 CBC.0157 (one code, one status; the message says which).
/// </summary>
public static class ETags
{
    public static string FromVersion(uint version) => FromVersion((long)version);

    public static string FromVersion(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>Sets the <c>ETag</c> response header.</summary>
    public static void SetETag(this HttpResponse response, string etag) => response.Headers.ETag = etag;

    /// <summary>
    /// Passes when If-Match lists <paramref name="currentETag"/> (strong comparison) or is <c>*</c>;
    /// otherwise throws 412 CBC.0157. For a check in the database instead, use <see cref="RequireIfMatchVersion"/>.
    /// </summary>
    public static void EnsureIfMatch(this HttpRequest request, string currentETag)
    {
        var tags = IfMatchTags(request);
        if (tags.Any(tag => tag == EntityTagHeaderValue.Any || (!tag.IsWeak && tag.Tag == currentETag)))
        {
            return;
        }

        throw new ApiException(ErrorCodes.PreconditionFailed);
    }

    /// <summary>
    /// The version the client last saw, from a single If-Match ETag, to put in the update's
    /// condition (<c>WHERE xmin = @version</c>, or EF's original value of the concurrency token,
    /// whose conflict the exception handler answers as 412 CBC.0157).
    /// </summary>
    public static uint RequireIfMatchVersion(this HttpRequest request)
    {
        var tags = IfMatchTags(request);
        if (tags.Count == 1 && !tags[0].IsWeak && tags[0] != EntityTagHeaderValue.Any
            && uint.TryParse(tags[0].Tag.AsSpan(1, tags[0].Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new ApiException(ErrorCodes.PreconditionFailed, "If-Match must carry the single ETag of the resource as last read.");
    }

    /// <summary>Rejects requests without If-Match (412 CBC.0157) before the handler runs.</summary>
    public static TBuilder RequireIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequiresIfMatchMetadata.Instance).AddEndpointFilter((context, next) =>
        {
            _ = IfMatchTags(context.HttpContext.Request);
            return next(context);
        });

    private static IList<EntityTagHeaderValue> IfMatchTags(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            throw new ApiException(ErrorCodes.PreconditionFailed, "This update requires If-Match with the resource's ETag.");
        }

        return EntityTagHeaderValue.TryParseStrictList(header, out var tags) && tags.Count > 0
            ? tags
            : throw new ApiException(ErrorCodes.PreconditionFailed, "If-Match is not a valid list of ETags.");
    }
}
