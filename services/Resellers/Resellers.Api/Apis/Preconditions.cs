using PartnerPlatform.ServiceDefaults;
using Resellers.Api.Application;

namespace Resellers.Api.Apis;

/// <summary>The request's If-Match as the check a use case runs on the version it loaded.</summary>
internal static class Preconditions
{
    /// <summary>If-Match is required and must name the current version (or <c>*</c>).</summary>
    public static VersionCheck IfMatch(this HttpRequest request) =>
        version => request.EnsureIfMatch(ETags.FromVersion(version));

    /// <summary>If-Match is optional; when given it must name the current version (or <c>*</c>).</summary>
    public static VersionCheck IfMatchWhenGiven(this HttpRequest request) =>
        version =>
        {
            if (request.Headers.IfMatch.Count > 0)
            {
                request.EnsureIfMatch(ETags.FromVersion(version));
            }
        };
}
