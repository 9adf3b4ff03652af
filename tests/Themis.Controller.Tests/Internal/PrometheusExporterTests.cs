using System.Diagnostics.Metrics;
using Themis.Controller.Internal;

namespace Themis.Controller.Tests.Internal;

public sealed class PrometheusExporterTests
{
    [Test]
    public void Render_CountersHistogramsGauges_InTextFormat()
    {
        using var meter = new Meter("Themis.Controller.Test." + Guid.NewGuid().ToString("N"));
        Counter<long> counter = meter.CreateCounter<long>("demo_packets", description: "Packets.");
        Histogram<double> histogram = meter.CreateHistogram<double>("demo_latency", "s", "Latency.");
        meter.CreateObservableGauge("demo_depth", () => 7L, description: "Depth.");
        using var exporter = new PrometheusExporter(meter);

        counter.Add(2, new KeyValuePair<string, object?>("outcome", "installed"));
        counter.Add(3, new KeyValuePair<string, object?>("outcome", "installed"));
        counter.Add(1, new KeyValuePair<string, object?>("outcome", "bad_mac"));
        histogram.Record(0.0003);
        histogram.Record(0.2);

        string text = exporter.Render();

        Assert.That(text, Does.Contain("# TYPE demo_packets_total counter\n"));
        Assert.That(text, Does.Contain("demo_packets_total{outcome=\"installed\"} 5\n"));
        Assert.That(text, Does.Contain("demo_packets_total{outcome=\"bad_mac\"} 1\n"));
        Assert.That(text, Does.Contain("# TYPE demo_depth gauge\ndemo_depth 7\n").Or.Contain("demo_depth 7\n"));
        Assert.That(text, Does.Contain("# TYPE demo_latency_seconds histogram\n"));
        Assert.That(text, Does.Contain("demo_latency_seconds_bucket{le=\"0.0005\"} 1\n"));
        Assert.That(text, Does.Contain("demo_latency_seconds_bucket{le=\"+Inf\"} 2\n"));
        Assert.That(text, Does.Contain("demo_latency_seconds_count 2\n"));
    }

    [Test]
    public void Render_CountHistogram_NoSecondsSuffixAndCountBuckets()
    {
        using var meter = new Meter("Themis.Controller.Test." + Guid.NewGuid().ToString("N"));
        Histogram<long> batch = meter.CreateHistogram<long>("demo_batch", "{update}", "Updates per request.");
        using var exporter = new PrometheusExporter(meter);

        batch.Record(3);
        batch.Record(200);

        string text = exporter.Render();

        Assert.That(text, Does.Contain("# TYPE demo_batch histogram\n"));
        Assert.That(text, Does.Contain("demo_batch_bucket{le=\"4\"} 1\n"));
        Assert.That(text, Does.Contain("demo_batch_bucket{le=\"256\"} 2\n"));
        Assert.That(text, Does.Contain("demo_batch_sum 203\n"));
        Assert.That(text, Does.Not.Contain("demo_batch_seconds"));
    }

    [Test]
    public void Label_PascalCase_BecomesSnakeCase()
    {
        Assert.That(ControllerMetrics.Label(nameof(DaemonOutcome.SlotsExhausted)), Is.EqualTo("slots_exhausted"));
    }
}
