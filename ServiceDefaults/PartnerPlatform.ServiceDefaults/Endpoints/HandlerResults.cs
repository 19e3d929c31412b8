using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartnerPlatform.ServiceDefaults;

/// <summary>Answers for one-line handlers over use cases that return nothing.</summary>
public static class HandlerResults
{
    /// <summary>204 once <paramref name="work"/> has completed (its exception answers instead).</summary>
    public static async Task<NoContent> ThenNoContent(this Task work)
    {
        await work;
        return TypedResults.NoContent();
    }
}
