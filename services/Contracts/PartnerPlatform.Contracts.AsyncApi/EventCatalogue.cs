using System.Text.RegularExpressions;

namespace PartnerPlatform.Contracts.AsyncApi;

/// <summary>One row of the catalogue in <c>services/Contracts/README.md</c>.</summary>
public sealed record CatalogueEntry(string Event, string Publisher, string? PublisherNote, IReadOnlyList<CatalogueConsumer> Consumers, string Since);

/// <summary>A consuming service (its resource name) and the catalogue's note on it, if any.</summary>
public sealed record CatalogueConsumer(string Service, string? Note);

/// <summary>Reads the event catalogue (event → publisher → consumers → since) from the contracts' README.</summary>
public static partial class EventCatalogue
{
    public const string DocumentFileName = "asyncapi.json";
    public const string ReadmeFileName = "README.md";

    /// <summary><c>services/Contracts</c> of the repository this runs in (found upwards from the working directory, then from the binary).</summary>
    public static string ContractsFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var contracts = Path.Combine(folder.FullName, "services", "Contracts");
                if (File.Exists(Path.Combine(contracts, ReadmeFileName)))
                {
                    return contracts;
                }
            }
        }

        throw new InvalidOperationException("services/Contracts/README.md was not found above the working directory or the program.");
    }

    public static IReadOnlyList<CatalogueEntry> Read(string contractsFolder) => Parse(File.ReadAllText(Path.Combine(contractsFolder, ReadmeFileName)));

    public static IReadOnlyList<CatalogueEntry> Parse(string readme) =>
    [
        .. readme.Split('\n')
            .Select(line => RowPattern().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match =>
            {
                var (publisher, publisherNote) = ServiceAndNote(match.Groups["publisher"].Value);
                var consumersColumn = match.Groups["consumers"].Value.Trim();
                var consumers = consumersColumn is "—" or "-" or ""
                    ? []
                    : SplitOutsideParentheses(consumersColumn).Select(ServiceAndNote).Select(c => new CatalogueConsumer(c.Service, c.Note)).ToList();
                return new CatalogueEntry(match.Groups["event"].Value, publisher, publisherNote, consumers, match.Groups["since"].Value.Trim());
            }),
    ];

    private static (string Service, string? Note) ServiceAndNote(string cell)
    {
        var match = ServicePattern().Match(cell.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{cell.Trim()}' in the event catalogue does not start with a service's resource name.");
        }

        var note = match.Groups["note"].Value.Trim();
        return (match.Groups["service"].Value, note.Length == 0 ? null : note);
    }

    private static IEnumerable<string> SplitOutsideParentheses(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^\| `(?<event>\w+)` \| (?<publisher>[^|]+) \| (?<consumers>[^|]+) \| (?<since>[^|]+) \|$")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^(?<service>[a-z][a-z-]*-api)\s*(\((?<note>.*)\))?$")]
    private static partial Regex ServicePattern();
}
