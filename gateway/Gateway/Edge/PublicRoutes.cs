namespace Gateway.Edge;

/// <summary>
/// The paths answered without a token (<c>Gateway:PublicRoutes</c>): an exact path, or a prefix
/// ending in <c>/**</c> that also matches the prefix itself. Matching ignores case and a trailing
/// slash, like the route table does.
/// </summary>
public sealed class PublicRoutes
{
    private readonly List<string> _exact = [];
    private readonly List<string> _prefixes = [];

    public PublicRoutes(IEnumerable<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (!pattern.StartsWith('/'))
            {
                throw new InvalidOperationException($"Gateway:PublicRoutes entry '{pattern}' must start with '/'.");
            }

            if (pattern.EndsWith("/**", StringComparison.Ordinal))
            {
                _prefixes.Add(pattern[..^3]);
            }
            else if (pattern.Contains('*', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Gateway:PublicRoutes entry '{pattern}': only a trailing '/**' is supported.");
            }
            else
            {
                _exact.Add(pattern.TrimEnd('/'));
            }
        }
    }

    public bool IsPublic(PathString path)
    {
        var value = path.Value is { Length: > 1 } p ? p.TrimEnd('/') : path.Value ?? "";
        return _exact.Any(e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase))
            || _prefixes.Any(prefix => value.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && value.Length > prefix.Length && value[prefix.Length] == '/'));
    }
}
