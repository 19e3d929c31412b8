using System.Text.Json;
using System.Text.RegularExpressions;

namespace Identity.Tests.Support;

/// <summary>Reads the service's local notification sink: one JSON object per line.</summary>
public sealed partial class NotificationSink(string path)
{
    public IReadOnlyList<JsonElement> All()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    public IReadOnlyList<JsonElement> To(string address) =>
        [.. All().Where(n => n.GetProperty("address").GetString() == address)];

    /// <summary>The six-digit code of the latest notification to the address.</summary>
    public string LatestCode(string address)
    {
        var latest = To(address).LastOrDefault();
        Assert.True(latest.ValueKind == JsonValueKind.Object, $"No notification to {address}.");
        return SixDigits().Match(latest.GetProperty("body").GetString()!).Value;
    }

    /// <summary>The first link (https://…) in the latest notification to the address.</summary>
    public string LatestLink(string address)
    {
        var latest = To(address).LastOrDefault();
        Assert.True(latest.ValueKind == JsonValueKind.Object, $"No notification to {address}.");
        return Link().Match(latest.GetProperty("body").GetString()!).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
