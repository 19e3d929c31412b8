namespace Gateway.Edge;

/// <summary>
/// Request headers that only the platform itself may set: a client could otherwise claim another
/// partner, user or source address. The gateway removes them from every incoming request before
/// anything reads it; YARP then sets the <c>X-Forwarded-*</c> headers itself. This is the only list.
/// </summary>
public static class InternalHeaders
{
    private static readonly string[] NameList = ["Forwarded", "X-Real-IP", "X-Partner-Id", "X-User-Id", "X-Customer-Id", "X-Vendor-Role"];
    private static readonly string[] PrefixList = ["X-Forwarded-", "X-Caller-", "X-Internal-"];

    public static IReadOnlyList<string> Names => NameList;

    public static IReadOnlyList<string> Prefixes => PrefixList;

    public static bool IsInternal(string headerName)
    {
        foreach (var name in NameList)
        {
            if (string.Equals(name, headerName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in PrefixList)
        {
            if (headerName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public static void StripFrom(IHeaderDictionary headers)
    {
        List<string>? found = null;
        foreach (var header in headers)
        {
            if (IsInternal(header.Key))
            {
                (found ??= []).Add(header.Key);
            }
        }

        foreach (var name in found ?? [])
        {
            headers.Remove(name);
        }
    }
}
