namespace PartnerPlatform.WorkingDays;

/// <summary>A calendar data file that cannot be read: bad format, contradictions, unknown time zone.</summary>
public sealed class CalendarFileException : FormatException
{
    public CalendarFileException(string fileName, int? line, string problem, Exception? innerException = null)
        : base($"{fileName}{(line is null ? string.Empty : $", line {line}")}: {problem}", innerException)
    {
        FileName = fileName;
        Line = line;
    }

    public string FileName { get; }

    /// <summary>The offending line, or null when the problem is the file as a whole.</summary>
    public int? Line { get; }
}
