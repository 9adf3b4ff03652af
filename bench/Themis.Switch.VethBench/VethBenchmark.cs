using System.Buffers.Binary;
using System.Diagnostics;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Runtime.Tables;

namespace Themis.Switch.VethBench;

/// <summary>
/// Steps the offered rate up and reports, per step, frames offered, frames delivered, the delivered
/// rate and the loss. The generator (<see cref="RawSender"/>) paces in 1 ms slices (bursts of
/// rate/1000 frames); the sink is the kernel's receive counter of the peer of port 2, so neither
/// takes CPU from the switch beyond the kernel's own veth work.
/// </summary>
internal sealed class VethBenchmark(VethOptions options)
{
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
        await Task.Delay(500);

        // Warm-up (not reported): the pipeline and the port paths get compiled by the JIT.
        Generate(0xFFFF, 50_000);
        await Task.Delay(500);

        Console.WriteLine($"load average {LoadAverage()}; {Environment.ProcessorCount} cores; basic IPv4 LPM, 64-byte frames, {options.StepSeconds:F0} s per step");
        Console.WriteLine("offered pps | sent pps | delivered pps | loss % | link in pps | link drops | switch in pps | capture lost | ingress overflow | CPU µs/pkt");
        double best = 0;
        for (int step = 0; step < options.Rates.Length; step++)
        {
            int rate = options.Rates[step];
            long overflowBefore = sw.Counters.IngressOverflow, inBefore = sw.Counters.Received;
            long sinkBefore = SinkReceived();
            using var self = Process.GetCurrentProcess();
            TimeSpan cpuBefore = self.TotalProcessorTime;
            long linkBefore = Stat(options.SwitchIn, "rx_packets"), linkDropsBefore = Stat(options.SwitchIn, "rx_dropped") + Stat(options.Generator, "tx_dropped");
            (long sent, double seconds) = Generate(step + 1, rate);
            await Task.Delay(300);  // let the last frames of the step through
            long received = SinkReceived() - sinkBefore;
            self.Refresh();
            double cpuPerPacket = received == 0 ? 0 : (self.TotalProcessorTime - cpuBefore).TotalMicroseconds / received;
            double delivered = received / seconds;
            double loss = sent == 0 ? 0 : 100.0 * (sent - received) / sent;
            best = Math.Max(best, delivered);
            long linkIn = Stat(options.SwitchIn, "rx_packets") - linkBefore, linkDrops = Stat(options.SwitchIn, "rx_dropped") + Stat(options.Generator, "tx_dropped") - linkDropsBefore;
            Console.WriteLine($"{rate,11} | {sent / seconds,8:F0} | {delivered,13:F0} | {loss,6:F2} | {linkIn / seconds,11:F0} | {linkDrops,10} | {(sw.Counters.Received - inBefore) / seconds,13:F0} | {linkIn - (sw.Counters.Received - inBefore),13} | {sw.Counters.IngressOverflow - overflowBefore,16} | {cpuPerPacket,10:F2}");
        }

        Console.WriteLine($"best delivered: {best:F0} pps; load average {LoadAverage()}");
        return 0;
    }

    private (long Sent, double Seconds) Generate(int step, int rate)
    {
        using var sender = new RawSender(options.Generator, Frame(step));
        long total = (long)(rate * options.StepSeconds);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (sent < total)
        {
            // Frames due by now at this rate, in sendmmsg batches; then wait for the next millisecond slice.
            long due = Math.Min(total, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (sent < due)
            {
                int n = sender.Send((int)Math.Min(due - sent, RawSender.MaxBatch));
                if (n == 0)
                {
                    break;  // the veth queue is full: the offered rate is beyond what the link takes now
                }

                sent += n;
            }

            if ((long)(clock.Elapsed.TotalSeconds * rate) < sent + 1)
            {
                Thread.Sleep(1);
            }
        }

        return (sent, Math.Max(clock.Elapsed.TotalSeconds, options.StepSeconds));
    }

    /// <summary>Frames the kernel delivered to the sink interface (counted by the kernel, so counting costs no CPU here).</summary>
    private long SinkReceived() => Stat(options.Sink, "rx_packets");

    private static long Stat(string device, string counter) => long.Parse(File.ReadAllText($"/sys/class/net/{device}/statistics/{counter}"), System.Globalization.CultureInfo.InvariantCulture);

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
