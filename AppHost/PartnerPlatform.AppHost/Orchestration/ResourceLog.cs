namespace PartnerPlatform.AppHost.Orchestration;

/// <summary>One line a resource wrote (or the AppHost wrote about it).</summary>
public sealed record LogLine(long Sequence, DateTimeOffset Time, string Stream, string Text);

/// <summary>The recent log lines of one resource, numbered so a reader can ask for what is new.</summary>
internal sealed class ResourceLog(int capacity = 1000)
{
    private readonly Lock _lock = new();
    private readonly Queue<LogLine> _lines = new();
    private long _sequence;

    /// <summary>Where each new line is echoed (the console); set by the orchestrator.</summary>
    public Action<LogLine>? Echo { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _sequence;
            }
        }
    }

    public LogLine Append(string stream, string text)
    {
        LogLine line;
        lock (_lock)
        {
            line = new LogLine(++_sequence, TimeProvider.GetUtcNow(), stream, text);
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }

        Echo?.Invoke(line);
        return line;
    }

    public IReadOnlyList<LogLine> Read(long after, int limit)
    {
        lock (_lock)
        {
            var newer = _lines.Where(l => l.Sequence > after).ToList();
            return newer.Count > limit ? newer[^limit..] : newer;
        }
    }

    public bool Contains(string text)
    {
        lock (_lock)
        {
            return _lines.Any(l => l.Text.Contains(text, StringComparison.Ordinal));
        }
    }
}
