using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SubscriptionFiles.Api.Infrastructure;

namespace SubscriptionFiles.Tests.Support;

/// <summary>Reads a delivery back from its bucket and checks it against its manifest.</summary>
public static class Manifests
{
    /// <summary>The manifest and the files it lists, each file's bytes verified against its SHA-256 and row count.</summary>
    public static async Task<(JsonElement Manifest, List<string[]> Rows)> ReadVerifiedAsync(IBucket bucket, string folder)
    {
        await using var manifestStream = await bucket.OpenReadAsync(folder + "manifest.json", CancellationToken.None);
        Assert.NotNull(manifestStream);
        var manifest = (await JsonDocument.ParseAsync(manifestStream)).RootElement;
        var header = manifest.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var rows = new List<string[]>();
        long total = 0;
        foreach (var file in manifest.GetProperty("files").EnumerateArray())
        {
            await using var stream = await bucket.OpenReadAsync(folder + file.GetProperty("name").GetString(), CancellationToken.None);
            Assert.NotNull(stream);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            var bytes = buffer.ToArray();
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file.GetProperty("bytes").GetInt64(), bytes.Length);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "UTF-8 without byte order mark");

            var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
            Assert.Equal("", lines[^1]);
            Assert.Equal(string.Join(',', header), lines[0]);
            var fileRows = lines[1..^1].Select(ParseLine).ToList();
            Assert.Equal(file.GetProperty("rows").GetInt64(), fileRows.Count);
            Assert.True(fileRows.Count <= SubscriptionFilesApiFactory.MaxRowsPerFile);
            Assert.All(fileRows, row => Assert.Equal(header.Length, row.Length));
            rows.AddRange(fileRows);
            total += fileRows.Count;
        }

        Assert.Equal(manifest.GetProperty("total_rows").GetInt64(), total);
        return (manifest, rows);
    }

    /// <summary>One RFC 4180 record without line breaks in fields (the test data has none).</summary>
    public static string[] ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
