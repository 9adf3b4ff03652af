using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Themis.Controller.Internal;

/// <summary>
/// Collects one <see cref="Meter"/>'s instruments and renders them in the Prometheus text exposition format
/// (version 0.0.4): counters as <c>_total</c>, histograms as cumulative <c>_bucket</c>/<c>_sum</c>/<c>_count</c>,
/// observable gauges sampled at scrape time. Histograms in seconds (unit <c>s</c>) get the <c>_seconds</c> suffix
/// and latency buckets; others (counts) get power-of-two buckets.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] s_bounds =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private static readonly double[] s_countBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _sums = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), double> _gauges = new();
    private readonly ConcurrentDictionary<(string Name, string Labels), HistogramState> _histograms = new();
    private readonly ConcurrentDictionary<string, (string Type, string Help)> _meta = new();
    private readonly ConcurrentDictionary<(string? K0, object? V0, string? K1, object? V1), string> _labelCache = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        lock (_scrape)
        {
            _gauges.Clear();
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (IGrouping<string, KeyValuePair<(string Name, string Labels), double>> family in _sums.Concat(_gauges).GroupBy(kv => kv.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                (string type, string help) = _meta[family.Key];
                string name = type == "counter" ? family.Key + "_total" : family.Key;
                text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
                foreach (KeyValuePair<(string Name, string Labels), double> sample in family.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
                {
                    text.Append(name).Append(sample.Key.Labels).Append(' ').Append(Format(sample.Value)).Append('\n');
                }
            }

            foreach (IGrouping<string, KeyValuePair<(string Name, string Labels), HistogramState>> family in _histograms.GroupBy(kv => kv.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string name = family.First().Value.InSeconds ? family.Key + "_seconds" : family.Key;
                text.Append("# HELP ").Append(name).Append(' ').Append(_meta[family.Key].Help).Append('\n');
                text.Append("# TYPE ").Append(name).Append(" histogram\n");
                foreach (KeyValuePair<(string Name, string Labels), HistogramState> series in family)
                {
                    series.Value.WriteTo(text, name, series.Key.Labels);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = CachedLabels(tags);
        var key = (instrument.Name, labels);
        switch (instrument)
        {
            case Counter<long> or Counter<double>:
                _meta.TryAdd(instrument.Name, ("counter", instrument.Description ?? ""));
                _sums.AddOrUpdate(key, value, (_, old) => old + value);
                break;
            case ObservableCounter<long> or ObservableCounter<double>:
                // Observed as a running total, so the value replaces the last one; exposed as a counter.
                _meta.TryAdd(instrument.Name, ("counter", instrument.Description ?? ""));
                _gauges[key] = value;
                break;
            case Histogram<double> or Histogram<long>:
                _meta.TryAdd(instrument.Name, ("histogram", instrument.Description ?? ""));
                _histograms.GetOrAdd(key, static (_, seconds) => new HistogramState(seconds), instrument.Unit == "s").Record(value);
                break;
            default:
                _meta.TryAdd(instrument.Name, ("gauge", instrument.Description ?? ""));
                _gauges[key] = value;
                break;
        }
    }

    /// <summary>The label text of up to two tags, built once per tag set: every counted packet passes here.</summary>
    private string CachedLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > 2)
        {
            return Labels(tags);
        }

        (string?, object?, string?, object?) key = tags.Length switch
        {
            0 => (null, null, null, null),
            1 => (tags[0].Key, tags[0].Value, null, null),
            _ => (tags[0].Key, tags[0].Value, tags[1].Key, tags[1].Value),
        };
        if (_labelCache.TryGetValue(key, out string? labels))
        {
            return labels;
        }

        labels = Labels(tags);
        _labelCache.TryAdd(key, labels);
        return labels;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var parts = new List<string>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            value = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            parts.Add($"{tag.Key}=\"{value}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return "{" + string.Join(",", parts) + "}";
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class HistogramState
    {
        private readonly double[] _bounds;
        private readonly long[] _counts;
        private readonly Lock _gate = new();
        private double _sum;
        private long _count;

        public HistogramState(bool inSeconds)
        {
            InSeconds = inSeconds;
            _bounds = inSeconds ? s_bounds : s_countBounds;
            _counts = new long[_bounds.Length + 1];
        }

        public bool InSeconds { get; }

        public void Record(double value)
        {
            lock (_gate)
            {
                int bucket = Array.BinarySearch(_bounds, value);
                _counts[bucket >= 0 ? bucket : ~bucket]++;
                _sum += value;
                _count++;
            }
        }

        public void WriteTo(StringBuilder text, string name, string labels)
        {
            lock (_gate)
            {
                string inner = labels.Length == 0 ? "" : labels[1..^1] + ",";
                long cumulative = 0;
                for (int i = 0; i < _bounds.Length; i++)
                {
                    cumulative += _counts[i];
                    text.Append(name).Append("_bucket{").Append(inner).Append("le=\"").Append(Format(_bounds[i])).Append("\"} ").Append(cumulative).Append('\n');
                }

                text.Append(name).Append("_bucket{").Append(inner).Append("le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum").Append(labels).Append(' ').Append(Format(_sum)).Append('\n');
                text.Append(name).Append("_count").Append(labels).Append(' ').Append(_count).Append('\n');
            }
        }
    }
}
