using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPlatform.Messaging.Tests.Support;

/// <summary>Reads the PartnerPlatform.Messaging instruments of one host (other hosts in the process are ignored).</summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public MetricsProbe(IServiceProvider services)
    {
        // Resolving the metrics creates the host's meter from its own factory.
        services.GetRequiredService<MessagingMetrics>();
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument.Name, value));
        _listener.Start();
    }

    /// <summary>Sum of a counter's or histogram's measurements so far.</summary>
    public double Sum(string instrument) => _sums.GetValueOrDefault(instrument);

    /// <summary>Number of measurements of a histogram so far.</summary>
    public long Count(string instrument) => _counts.GetValueOrDefault(instrument);

    /// <summary>Current value of an observable gauge.</summary>
    public double Observe(string instrument)
    {
        _sums.TryRemove(instrument, out _);
        _listener.RecordObservableInstruments();
        return _sums.GetValueOrDefault(instrument);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(string instrument, double value)
    {
        _sums.AddOrUpdate(instrument, value, (_, sum) => sum + value);
        _counts.AddOrUpdate(instrument, 1, (_, count) => count + 1);
    }
}
