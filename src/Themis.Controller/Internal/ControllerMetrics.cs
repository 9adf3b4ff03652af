using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Themis.Controller.Internal;

/// <summary>
/// The controller's instruments (meter <see cref="MeterName"/>). Each controller owns its Meter, so two
/// controllers in one process (failover tests) keep separate numbers.
/// </summary>
internal sealed class ControllerMetrics : IDisposable
{
    public const string MeterName = "Themis.Controller";

    // Label values by enum name, so counting a packet does not build a string (a flood counts every packet).
    private static readonly ConcurrentDictionary<string, string> s_labels = new(StringComparer.Ordinal);

    private readonly Counter<long> _daemonPackets;
    private readonly Counter<long> _entriesInstalled;
    private readonly Counter<long> _entriesRemoved;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _handshakeDigests;
    private readonly Counter<long> _cnpCopies;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _controlPackets;
    private readonly Histogram<double> _writeLatency;
    private readonly Histogram<double> _registrationLatency;
    private readonly Histogram<long> _writeBatch;

    public ControllerMetrics(Func<ControllerStatus> status, Func<(long PacketIns, long DigestLists, long IdleTimeouts, long StreamErrors)> streamDropped)
    {
        Meter = new Meter(MeterName, "1.0");
        _daemonPackets = Meter.CreateCounter<long>("themis_controller_daemon_packets", description: "Daemon packets by outcome.");
        _entriesInstalled = Meter.CreateCounter<long>("themis_controller_entries_installed", description: "Table entries installed, by table.");
        _entriesRemoved = Meter.CreateCounter<long>("themis_controller_entries_removed", description: "Table entries removed, by table.");
        _writeFailures = Meter.CreateCounter<long>("themis_controller_write_failures", description: "Updates the switch refused, by table.");
        _handshakeDigests = Meter.CreateCounter<long>("themis_controller_handshake_digests", description: "Handshake digests received (new or refreshed pair).");
        _cnpCopies = Meter.CreateCounter<long>("themis_controller_cnp_copies", description: "CNP copies by outcome.");
        _reconnects = Meter.CreateCounter<long>("themis_controller_reconnects", description: "Sessions re-established with the switch.");
        _controlPackets = Meter.CreateCounter<long>("themis_controller_control_packets", description: "Register control packets, by operation and result.");
        _writeLatency = Meter.CreateHistogram<double>("themis_controller_write_latency", "s", "Round trip of one Write request.");
        _registrationLatency = Meter.CreateHistogram<double>("themis_controller_registration_latency", "s", "Daemon packet received to qp_field entry written.");
        _writeBatch = Meter.CreateHistogram<long>("themis_controller_write_batch", "{update}", "Updates per Write request.");
        Meter.CreateObservableGauge("themis_controller_handshake_pairs", () => (long)status().VerifiedPairs, description: "Verified inter-DC host pairs.");
        Meter.CreateObservableGauge("themis_controller_slots_in_use", () => (long)status().SlotsInUse, description: "Flow slots allocated.");
        Meter.CreateObservableGauge("themis_controller_pending_registrations", () => (long)status().PendingRegistrations, description: "Registrations waiting for a handshake digest.");
        Meter.CreateObservableGauge("themis_controller_cnp_store_entries", () => (long)status().CnpStoreEntries, description: "cnp_store entries installed.");
        Meter.CreateObservableCounter("themis_controller_stream_messages_dropped", () =>
        {
            (long packetIns, long digestLists, long idleTimeouts, long streamErrors) = streamDropped();
            return new Measurement<long>[]
            {
                new(packetIns, new KeyValuePair<string, object?>("kind", "packet_in")),
                new(digestLists, new KeyValuePair<string, object?>("kind", "digest_list")),
                new(idleTimeouts, new KeyValuePair<string, object?>("kind", "idle_timeout")),
                new(streamErrors, new KeyValuePair<string, object?>("kind", "error")),
            };
        }, description: "Stream messages discarded because the serving loop fell behind (oldest first), by kind.");
        // The process's own footprint, so an operator (and the flood benchmark) sees the controller's memory apart from the switch's.
        Meter.CreateObservableGauge("themis_controller_process_working_set_bytes", () => Environment.WorkingSet, description: "Resident memory of the controller process.");
        Meter.CreateObservableGauge("themis_controller_gc_heap_bytes", () => GC.GetTotalMemory(forceFullCollection: false), description: "Managed heap in use (bytes).");
        Meter.CreateObservableGauge("themis_controller_primary", () => status().Role == ControllerRole.Primary ? 1L : 0L, description: "1 while this controller is primary.");
    }

    public Meter Meter { get; }

    public void DaemonPacket(DaemonOutcome outcome) => _daemonPackets.Add(1, new KeyValuePair<string, object?>("outcome", CachedLabel(outcome.ToString())));

    public void Installed(string table, int count = 1) => _entriesInstalled.Add(count, new KeyValuePair<string, object?>("table", table));

    public void Removed(string table, int count = 1) => _entriesRemoved.Add(count, new KeyValuePair<string, object?>("table", table));

    public void WriteFailed(string table) => _writeFailures.Add(1, new KeyValuePair<string, object?>("table", table));

    public void HandshakeDigest(bool newPair) => _handshakeDigests.Add(1, new KeyValuePair<string, object?>("kind", newPair ? "new" : "refresh"));

    public void CnpCopy(CnpOutcome outcome) => _cnpCopies.Add(1, new KeyValuePair<string, object?>("outcome", CachedLabel(outcome.ToString())));

    public void Reconnect() => _reconnects.Add(1);

    public void ControlPacket(string op, bool ok) =>
        _controlPackets.Add(1, new KeyValuePair<string, object?>("op", op), new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));

    public void WriteLatency(TimeSpan elapsed, int updates)
    {
        _writeLatency.Record(elapsed.TotalSeconds);
        _writeBatch.Record(updates);
    }

    public void RegistrationLatency(TimeSpan elapsed) => _registrationLatency.Record(elapsed.TotalSeconds);

    public void Dispose() => Meter.Dispose();

    /// <summary><see cref="Label"/>, computed once per name.</summary>
    internal static string CachedLabel(string name) => s_labels.GetOrAdd(name, Label);

    /// <summary>PascalCase enum names as snake_case label values.</summary>
    internal static string Label(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
