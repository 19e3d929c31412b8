using System.Security.Cryptography;
using PartnerPlatform.Csv;

namespace SubscriptionFiles.Api.Application;

/// <summary>A CSV file written to a local temporary path.</summary>
public sealed record CsvFilePart(string LocalPath, long Rows, long Bytes, string Sha256);

/// <summary>
/// Writes a dataset's rows with the suite's one CSV writer (<see cref="AnonymisingCsvWriter"/>: RFC 4180,
/// UTF-8, personal data anonymised) into files of at most a given number of rows.
/// </summary>
public static class CsvFiles
{
    public static async Task<IReadOnlyList<CsvFilePart>> WriteAsync(
        Dataset dataset, IAsyncEnumerable<object?[]> rows, int maxRowsPerFile, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var parts = new List<CsvFilePart>();
        PartWriter? current = null;
        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (current is null || current.Rows == maxRowsPerFile)
                {
                    if (current is not null)
                    {
                        parts.Add(await current.CompleteAsync(cancellationToken));
                    }

                    current = PartWriter.Start(dataset, Path.Combine(folder, $"part-{parts.Count + 1:D5}.csv"));
                }

                await current.WriteAsync(row, cancellationToken);
            }

            // An empty period still gets a file with the header, so the manifest always lists one.
            current ??= PartWriter.Start(dataset, Path.Combine(folder, "part-00001.csv"));
            parts.Add(await current.CompleteAsync(cancellationToken));
            current = null;
            return parts;
        }
        finally
        {
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    private sealed class PartWriter : IAsyncDisposable
    {
        private readonly string _path;
        private readonly AnonymisingCsvWriter _csv;

        private PartWriter(string path, AnonymisingCsvWriter csv)
        {
            _path = path;
            _csv = csv;
        }

        public long Rows => _csv.Rows;

        public static PartWriter Start(Dataset dataset, string path) =>
            new(path, AnonymisingCsvWriter.Create(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024), dataset.Columns));

        public ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken) => _csv.WriteRowAsync(row, cancellationToken);

        public async Task<CsvFilePart> CompleteAsync(CancellationToken cancellationToken)
        {
            await _csv.DisposeAsync();
            await using var file = File.OpenRead(_path);
            var hash = await SHA256.HashDataAsync(file, cancellationToken);
            return new CsvFilePart(_path, Rows, file.Length, Convert.ToHexStringLower(hash));
        }

        public ValueTask DisposeAsync() => _csv.DisposeAsync();
    }
}
