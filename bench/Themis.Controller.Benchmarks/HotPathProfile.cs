using System.Diagnostics;
using Google.Protobuf;
using P4.V1;
using Themis.Controller.Internal;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.SwitchInternal;

namespace Themis.Controller.Benchmarks;

/// <summary>
/// The controller's own CPU per registration, step by step and without any I/O: packet-in metadata decode,
/// frame checks + HMAC + replay guard, the state decision (slot allocation), building the Write update and
/// serializing it. Each step is run <c>n</c> times on distinct registrations; figures are µs and bytes
/// allocated per registration.
/// </summary>
internal static class HotPathProfile
{
    public static IReadOnlyList<(string Step, double Micros, double Bytes)> Run(ControllerConfig config, P4InfoIndex index, Func<uint, uint, byte[]> daemonFrame, int n)
    {
        // Tiered JIT recompiles a method with full optimisation after 30 calls and a quiet 100 ms, so the first
        // rounds, with pauses between them, only warm up; each step's figure is its median over the rounds after.
        const int Warmup = 5, Measured = 5;
        var rounds = new List<List<(string Step, double Micros, double Bytes)>>();
        for (int r = 0; r < Warmup + Measured; r++)
        {
            List<(string, double, double)> round = RunOnce(config, index, daemonFrame, n);
            if (r >= Warmup)
            {
                rounds.Add(round);
            }
            else
            {
                Thread.Sleep(150);
            }
        }

        return [.. rounds[0].Select((step, i) => (step.Step, rounds.Select(x => x[i].Micros).Order().ElementAt(Measured / 2), rounds.Select(x => x[i].Bytes).Order().ElementAt(Measured / 2)))];
    }

    private static List<(string, double, double)> RunOnce(ControllerConfig config, P4InfoIndex index, Func<uint, uint, byte[]> daemonFrame, int n)
    {
        var program = new SwitchProgram(index, config);
        var state = new EswState(EswStateOptions.From(config, program.SecretBits), TimeProvider.System, () => 7);
        var reader = new DaemonPacketReader(config, state.Replay);
        var codec = new PacketMetadataCodec(index);
        state.OnHandshake(new HostPair(0x0A000101, 0x0A020101), []);
        n = Math.Min(n, config.Themis.FlowSlots);

        byte[][] frames = [.. Enumerable.Range(0, n).Select(i => daemonFrame((uint)(0x100 + i), (uint)(0x5000 + i)))];
        PacketIn[] packetIns = [.. frames.Select(f => PacketIn(codec, index, f))];
        var events = new DaemonEvent[n];
        var actions = new List<SwitchAction>();
        var installs = new List<InstallQpEntry>(n);
        var updates = new Update[n];
        var results = new List<(string, double, double)>();

        results.Add(Measure("packet-in metadata decode", n, i => program.TryReadPacketIn(packetIns[i], out _)));
        results.Add(Measure("frame checks, HMAC-SHA256, replay guard", n, i => reader.TryRead(packetIns[i].Payload.Span, 1, out events[i], out _)));
        results.Add(Measure("state: slot allocation, entry recorded", n, i =>
        {
            actions.Clear();
            state.OnDaemonEvent(events[i], actions);
            installs.Add((InstallQpEntry)actions[^1]);
        }));
        results.Add(Measure("qp_field INSERT update built", n, i => updates[i] = P4Entities.Insert(program.QpFieldEntry(installs[i].Key, installs[i].LocalQpn, installs[i].Slot))));
        results.Add(Measure("update serialized (protobuf)", n, i => updates[i].ToByteArray()));
        return results;
    }

    private static PacketIn PacketIn(PacketMetadataCodec codec, P4InfoIndex index, byte[] frame)
    {
        // What the switch sends for a punted daemon packet: packet_in metadata by id, then the frame.
        var packet = new PacketIn { Payload = ByteString.CopyFrom(frame) };
        foreach (global::P4.Config.V1.ControllerPacketMetadata.Types.Metadata m in index.ControllerPacketMetadata("packet_in").Metadata)
        {
            ulong value = m.Name switch
            {
                "ingress_port" => 1,
                "reason" => (ulong)PuntReason.DaemonPacket,
                _ => 0,
            };
            packet.Metadata.Add(new PacketMetadata { MetadataId = m.Id, Value = Themis.P4Runtime.Encoding.P4Bytes.Encode(value, m.Bitwidth) });
        }

        _ = codec;
        return packet;
    }

    private static (string, double, double) Measure(string step, int n, Action<int> body)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            body(i);
        }

        double micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds / n;
        return (step, micros, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)n);
    }
}
