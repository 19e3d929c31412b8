namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>
/// Writes every resource's lines to one writer as <c>[name] text</c>, one whole line at a time,
/// with a colour per resource when the writer is a terminal.
/// </summary>
internal sealed class ConsoleOutput(TextWriter writer, bool colours)
{
    private static readonly string[] Palette = ["36", "32", "35", "33", "34", "96", "92", "95", "93", "94"];
    private readonly Lock _lock = new();
    private int _prefixWidth = 8;

    public void Widen(IEnumerable<string> names) =>
        _prefixWidth = Math.Max(_prefixWidth, names.Select(n => n.Length).DefaultIfEmpty(0).Max());

    public Action<LogLine> For(string name, int colourIndex) =>
        line => Write(name, Palette[colourIndex % Palette.Length], line);

    /// <summary>A line without prefix (the start-up table).</summary>
    public void WritePlain(string text)
    {
        lock (_lock)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    public void Write(string name, string colour, LogLine line)
    {
        var prefix = "[" + name + "]";
        var padding = new string(' ', Math.Max(0, _prefixWidth + 2 - prefix.Length));
        var text = colours
            ? $"\u001b[{colour}m{prefix}\u001b[0m{padding} {(line.Stream == "err" ? "\u001b[31m" + line.Text + "\u001b[0m" : line.Text)}"
            : $"{prefix}{padding} {line.Text}";
        lock (_lock)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }

    public static bool IsColourTerminal(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out)
        && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("NO_COLOR") is null
        && Environment.GetEnvironmentVariable("TERM") is not ("dumb" or null or "");
}
