using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using PartnerPlatform.ServiceDefaults;

namespace SubscriptionFiles.Api.Application;

/// <summary>A CSV file written to a local temporary path.</summary>
public sealed record CsvFilePart(string LocalPath, long Rows, long Bytes, string Sha256);

/// <summary>
/// Writes rows as RFC 4180 CSV (UTF-8 without byte order mark, CRLF, quotes where needed) into
/// files of at most a given number of rows, anonymising every personal-data column.
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

                current.Write(row);
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

    /// <summary>A value as written into a file: invariant culture, UTC instants in ISO 8601, personal data masked.</summary>
    public static string Format(object? value, PersonalData personalData)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            Guid g => g.ToString("D"),
            DateTime { Kind: DateTimeKind.Utc } t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return personalData switch
        {
            PersonalData.Name => PiiMask.Name(text) ?? "",
            PersonalData.Mobile => PiiMask.Mobile(text) ?? "",
            PersonalData.Email => PiiMask.Email(text) ?? "",
            _ => text,
        };
    }

    /// <summary>One file being written: CsvHelper's defaults are RFC 4180, CRLF, UTF-8 without byte order mark.</summary>
    private sealed class PartWriter : IAsyncDisposable
    {
        private readonly Dataset _dataset;
        private readonly string _path;
        private readonly CsvWriter _csv;
        private bool _disposed;

        private PartWriter(Dataset dataset, string path)
        {
            _dataset = dataset;
            _path = path;
            _csv = CsvWriter.Create(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024), null, leaveOpen: false);
        }

        public long Rows { get; private set; }

        public static PartWriter Start(Dataset dataset, string path)
        {
            var writer = new PartWriter(dataset, path);
            foreach (var column in dataset.Columns)
            {
                writer._csv.WriteField(column.Name);
            }

            writer._csv.EndRecord();
            return writer;
        }

        public void Write(object?[] row)
        {
            for (var i = 0; i < _dataset.Columns.Count; i++)
            {
                _csv.WriteField(Format(row[i], _dataset.Columns[i].PersonalData));
            }

            _csv.EndRecord();
            Rows++;
        }

        public async Task<CsvFilePart> CompleteAsync(CancellationToken cancellationToken)
        {
            await DisposeAsync();
            await using var file = File.OpenRead(_path);
            var hash = await SHA256.HashDataAsync(file, cancellationToken);
            return new CsvFilePart(_path, Rows, file.Length, Convert.ToHexStringLower(hash));
        }

        public async ValueTask DisposeAsync()
        {
            if (!_disposed)
            {
                _disposed = true;
                await _csv.DisposeAsync();
            }
        }
    }
}
