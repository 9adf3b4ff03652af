using System.Buffers.Binary;
using System.Diagnostics;
using SharpPcap;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.VethBench;

/// <summary>
/// Steps the offered rate up and reports, per step, frames offered, frames delivered, the delivered
/// rate and the loss. A step's frames carry its number so late frames of one step are not counted in
/// the next. The generator paces in 1 ms slices (bursts of rate/1000 frames).
/// </summary>
internal sealed class VethBenchmark(VethOptions options)
{
    private long _received;
    private int _step;

    public async Task<int> RunAsync()
    {
        await using var sw = new SoftwareSwitch(new SwitchOptions { CpuPort = 255, IngressBufferPackets = 65_536 });
        PipelineDefinition definition = new P4PipelineCompiler().CompileFile(Path.Combine(AppContext.BaseDirectory, "programs", "basic_ipv4.p4")).Definition
            ?? throw new InvalidOperationException("basic_ipv4.p4 does not compile.");
        SwitchState state = sw.Load(definition);
        InstallRoute(state);
        sw.AddPort(PcapPort.Open(1, options.SwitchIn));
        sw.AddPort(PcapPort.Open(2, options.SwitchOut));
        sw.Start();

        using ILiveDevice generator = Open(options.Generator);
        using ILiveDevice sink = Open(options.Sink);
        sink.OnPacketArrival += (_, capture) => Count(capture.Data);
        sink.StartCapture();
        await Task.Delay(500);

        // Warm-up (not reported): the pipeline and the port paths get compiled by the JIT.
        Volatile.Write(ref _step, 0xFFFF);
        Generate(generator, 0xFFFF, 50_000);
        await Task.Delay(500);

        Console.WriteLine($"load average {LoadAverage()}; {Environment.ProcessorCount} cores; basic IPv4 LPM, 64-byte frames, {options.StepSeconds:F0} s per step");
        Console.WriteLine("offered pps | sent pps | delivered pps | loss % | switch in/out pps | ingress overflow | sink pcap drops");
        double best = 0;
        for (int step = 0; step < options.Rates.Length; step++)
        {
            int rate = options.Rates[step];
            Volatile.Write(ref _step, step + 1);
            Interlocked.Exchange(ref _received, 0);
            long overflowBefore = sw.Counters.IngressOverflow;
            long inBefore = sw.Counters.Received, outBefore = sw.Counters.Transmitted;
            uint sinkDropsBefore = (sink.Statistics?.DroppedPackets ?? 0);
            (long sent, double seconds) = Generate(generator, step + 1, rate);
            await Task.Delay(300);  // let the last frames of the step through
            long received = Interlocked.Read(ref _received);
            double delivered = received / seconds;
            double loss = sent == 0 ? 0 : 100.0 * (sent - received) / sent;
            best = Math.Max(best, delivered);
            Console.WriteLine($"{rate,11} | {sent / seconds,8:F0} | {delivered,13:F0} | {loss,6:F2} | {(sw.Counters.Received - inBefore) / seconds,7:F0}/{(sw.Counters.Transmitted - outBefore) / seconds,-7:F0} | {sw.Counters.IngressOverflow - overflowBefore,16} | {(sink.Statistics?.DroppedPackets ?? 0) - sinkDropsBefore}");
        }

        Console.WriteLine($"best delivered: {best:F0} pps; load average {LoadAverage()}");
        sink.StopCapture();
        return 0;
    }

    private static ILiveDevice Open(string name)
    {
        ILiveDevice device = CaptureDeviceList.New().FirstOrDefault(d => d.Name == name)
            ?? throw new ArgumentException($"No interface '{name}'; run the benchmark through run-veth-bench.sh, which creates the veth pairs.");
        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 10, Immediate = true, BufferSize = 64 << 20 });
        return device;
    }

    private (long Sent, double Seconds) Generate(ILiveDevice device, int step, int rate)
    {
        byte[] frame = Frame(step);
        long total = (long)(rate * options.StepSeconds);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (sent < total)
        {
            // Frames due by now at this rate; send them, then wait for the next millisecond slice.
            long due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (sent < due)
            {
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(44), (uint)sent);
                device.SendPacket(frame);
                sent++;
            }

            if ((long)(clock.Elapsed.TotalSeconds * rate) < sent)
            {
                Thread.Sleep(1);
            }
        }

        return (sent, Math.Max(clock.Elapsed.TotalSeconds, options.StepSeconds));
    }

    private void Count(ReadOnlySpan<byte> frame)
    {
        // Only this step's routed frames: IPv4/UDP with the step number in the payload.
        if (frame.Length >= 46 && frame[12] == 0x08 && frame[13] == 0x00 && frame[23] == 17
            && BinaryPrimitives.ReadUInt16BigEndian(frame[42..]) == (ushort)Volatile.Read(ref _step))
        {
            Interlocked.Increment(ref _received);
        }
    }

    // 10.0.0.0/8 → forward(dst_mac 02:00:00:00:00:02, port 2).
    private static void InstallRoute(SwitchState state)
    {
        P4Table table = state.TableByName("IngressImpl.routing_v4");
        uint forward = state.Definition.P4Info.Actions.Single(a => a.Preamble.Name == "IngressImpl.forward").Preamble.Id;
        var call = new ActionCall(forward, [[2, 0, 0, 0, 0, 2], [0, 2]]);
        TableOperationStatus status = table.Insert(new TableEntryRecord([KeyFieldMatch.Lpm([10, 0, 0, 0], 8, 32)], 0, call, TimeProvider.System));
        if (status != TableOperationStatus.Ok)
        {
            throw new InvalidOperationException($"route insert failed: {status}");
        }
    }

    /// <summary>A 64-byte IPv4/UDP frame 10.0.0.1 → 10.1.0.1 with a correct header checksum; payload: step (16 bits), sequence (32 bits).</summary>
    private static byte[] Frame(int step)
    {
        var f = new byte[64];
        f[0] = 0x02;
        f[5] = 0x01;
        f[6] = 0x02;
        f[11] = 0x03;
        f[12] = 0x08;
        f[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(16), 50);
        f[22] = 64;
        f[23] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), 0x0a000001);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(30), 0x0a010001);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(34), 5000);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(36), 5001);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(38), 30);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(42), (ushort)step);
        uint sum = 0;
        for (int k = 14; k < 34; k += 2)
        {
            sum += (uint)((f[k] << 8) | f[k + 1]);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(24), (ushort)~sum);
        return f;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
