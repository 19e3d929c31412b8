namespace Gateway.Edge;

/// <summary>
/// Request headers that only the platform itself may set: a client could otherwise claim another
/// partner, user or source address. The gateway removes them from every incoming request before
/// anything reads it; YARP then sets the <c>X-Forwarded-*</c> headers itself. This is the only list.
/// </summary>
public static class InternalHeaders
{
    public static IReadOnlyList<string> Names { get; } =
        ["Forwarded", "X-Real-IP", "X-Partner-Id", "X-User-Id", "X-Customer-Id", "X-Vendor-Role"];

    public static IReadOnlyList<string> Prefixes { get; } = ["X-Forwarded-", "X-Caller-", "X-Internal-"];

    public static bool IsInternal(string headerName) =>
        Names.Contains(headerName, StringComparer.OrdinalIgnoreCase)
        || Prefixes.Any(prefix => headerName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public static void StripFrom(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys.Where(IsInternal).ToList())
        {
            headers.Remove(name);
        }
    }
}
