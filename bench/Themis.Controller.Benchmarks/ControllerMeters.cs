using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Themis.Controller.Benchmarks;

/// <summary>
/// Collects the controller's own timing histograms (meter <c>Themis.Controller</c>) as raw samples: the
/// registration latency (packet-in received by the controller → its Write returned) and the Write round trip.
/// </summary>
internal sealed class ControllerMeters : IDisposable
{
    private readonly MeterListener _listener = new();

    public ControllerMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Themis.Controller"
                && instrument.Name is "themis_controller_registration_latency" or "themis_controller_write_latency" or "themis_controller_write_batch")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "themis_controller_registration_latency":
                    Registration.Enqueue(value * 1e6);
                    break;
                case "themis_controller_write_latency":
                    Write.Enqueue(value * 1e6);
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "themis_controller_write_batch")
            {
                BatchSizes.Enqueue(value);
            }
        });
        _listener.Start();
    }

    /// <summary>Packet-in received → entry written, µs.</summary>
    public ConcurrentQueue<double> Registration { get; } = new();

    /// <summary>Write round trips, µs.</summary>
    public ConcurrentQueue<double> Write { get; } = new();

    /// <summary>Updates per Write request.</summary>
    public ConcurrentQueue<long> BatchSizes { get; } = new();

    public void Clear()
    {
        Registration.Clear();
        Write.Clear();
        BatchSizes.Clear();
    }

    public void Dispose() => _listener.Dispose();
}
