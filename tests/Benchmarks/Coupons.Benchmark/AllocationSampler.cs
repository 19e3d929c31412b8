using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Coupons.Benchmark;

/// <summary>
/// Which types this process allocates, sampled in-process from the runtime's allocation ticks (one
/// event about every 100 KB allocated, naming the type of the object that crossed the mark), so no
/// diagnostics port is needed. The bytes per type are the ticks' amounts: a sample, not a count.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private volatile bool _sampling;

    public void Start() => _sampling = true;

    public void Stop() => _sampling = false;

    /// <summary>Prints the <paramref name="top"/> types by sampled bytes, per operation.</summary>
    public void Print(long operations, int top = 25)
    {
        var total = _bytesByType.Values.Sum();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"allocation sample: {total / 1024.0 / Math.Max(1, operations):F1} KiB per operation in {_bytesByType.Count} types; the largest:"));
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(t => t.Value).Take(top))
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {bytes / 1024.0 / Math.Max(1, operations),7:F1} KiB  {100.0 * bytes / Math.Max(1, total),5:F1} %  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_sampling || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName");
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (type < 0 || amount < 0)
        {
            return;
        }

        var bytes = Convert.ToInt64(eventData.Payload![amount], CultureInfo.InvariantCulture);
        _bytesByType.AddOrUpdate(eventData.Payload[type] as string ?? "?", bytes, (_, sum) => sum + bytes);
    }
}
