using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using PartnerPlatform.ServiceDefaults;

namespace PartnerPlatform.Csv;

/// <summary>
/// Writes rows as RFC 4180 CSV (UTF-8 without byte order mark, CRLF, quotes only where needed) under a
/// header of declared columns, anonymising every personal-data column. Values are written in the
/// invariant culture, instants in UTC ISO 8601. Rows go straight to the stream: nothing is held.
/// </summary>
public sealed class AnonymisingCsvWriter : IAsyncDisposable
{
    private readonly CsvWriter _csv;
    private readonly IReadOnlyList<CsvColumn> _columns;
    private readonly byte[]? _pseudonymKey;
    private bool _disposed;

    private AnonymisingCsvWriter(Stream output, IReadOnlyList<CsvColumn> columns, byte[]? pseudonymKey, bool leaveOpen)
    {
        _columns = columns;
        _pseudonymKey = pseudonymKey;
        // CsvHelper's defaults are RFC 4180 with CRLF; its writer is UTF-8 without byte order mark.
        _csv = CsvWriter.Create(output, null, leaveOpen);
    }

    /// <summary>Rows written after the header.</summary>
    public long Rows { get; private set; }

    /// <summary>
    /// Starts a file on <paramref name="output"/> and writes its header; <paramref name="pseudonymKey"/> is
    /// the key of <see cref="PersonalData.Pseudonym"/> columns, required when there is one.
    /// </summary>
    public static AnonymisingCsvWriter Create(Stream output, IReadOnlyList<CsvColumn> columns, byte[]? pseudonymKey = null, bool leaveOpen = false)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A CSV file has at least one column.", nameof(columns));
        }

        if (pseudonymKey is not { Length: > 0 } && columns.Any(c => c.PersonalData == PersonalData.Pseudonym))
        {
            throw new ArgumentException("A pseudonym column needs a key.", nameof(pseudonymKey));
        }

        var writer = new AnonymisingCsvWriter(output, columns, pseudonymKey, leaveOpen);
        foreach (var column in columns)
        {
            writer._csv.WriteField(column.Name);
        }

        // A header is far below the buffer's size: it stays buffered, no synchronous write reaches the stream.
        writer._csv.EndRecord();
        return writer;
    }

    /// <summary>
    /// Writes one row, its values in the order of the columns. Asynchronous because the buffer may reach
    /// the stream here, and a response stream refuses synchronous writes.
    /// </summary>
    public async ValueTask WriteRowAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        if (values.Count < _columns.Count)
        {
            throw new ArgumentException($"A row has {_columns.Count} values; this one has {values.Count}.", nameof(values));
        }

        for (var i = 0; i < _columns.Count; i++)
        {
            _csv.WriteField(TextOf(values[i], _columns[i], _pseudonymKey));
        }

        await _csv.EndRecordAsync(cancellationToken);
        Rows++;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _csv.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _csv.DisposeAsync();
        }
    }

    /// <summary>A value as written into a file: invariant culture, UTC instants in ISO 8601, dates as yyyy-MM-dd.</summary>
    public static string Format(object? value) => value switch
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

    /// <summary>A value of a column as it may leave the service: formatted, then anonymised as the column declares.</summary>
    public static string TextOf(object? value, CsvColumn column, byte[]? pseudonymKey = null)
    {
        var text = Format(value);
        return column.PersonalData switch
        {
            PersonalData.Name => PiiMask.Name(text) ?? "",
            PersonalData.Mobile => PiiMask.Mobile(text) ?? "",
            PersonalData.Email => PiiMask.Email(text) ?? "",
            PersonalData.Pseudonym => Pseudonym(pseudonymKey ?? throw new ArgumentNullException(nameof(pseudonymKey)), column.Name, text),
            _ => text,
        };
    }

    /// <summary>
    /// A keyed pseudonym: equal values of a column get equal pseudonyms under one key, and nobody
    /// without the key can tell the value back. Empty stays empty.
    /// </summary>
    public static string Pseudonym(byte[] key, string columnName, string value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(columnName + ":" + value));
        return columnName[..Math.Min(4, columnName.Length)] + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
