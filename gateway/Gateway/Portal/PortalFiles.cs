using System.Collections.Concurrent;

namespace Gateway.Portal;

/// <summary>
/// The portal's own pages and the event catalogue, embedded in the gateway's assembly
/// (<c>Gateway.csproj</c>): the getting-started page, the sign-in bar's script and styles, and
/// <c>services/Contracts/asyncapi.json</c> as generated from the contracts.
/// </summary>
internal static class PortalFiles
{
    private static readonly ConcurrentDictionary<string, byte[]> Loaded = new(StringComparer.Ordinal);

    public static IResult Result(string name, string contentType) => Results.Bytes(Read(name), contentType);

    public static byte[] Read(string name) => Loaded.GetOrAdd(name, static file =>
    {
        using var stream = typeof(PortalFiles).Assembly.GetManifestResourceStream("Portal/" + file)
            ?? throw new InvalidOperationException($"The portal file {file} is not embedded in the gateway.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
