using BenchmarkDotNet.Attributes;
using Themis.Switch.Pipeline;

namespace Themis.Switch.Benchmarks;

/// <summary>
/// Packets through the compiled pipeline on one core, as the switch runs each packet: a fresh
/// PacketContext and standard_metadata, Ingress (parser, verifyChecksum, ingress), Egress (egress,
/// computeChecksum, deparser), then the program state handed back to its pool as the switch does
/// when a packet leaves. Throughput = packets per operation / time per operation.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    public const int Packets = 10_000;

    private IPipelineInstance _basic = null!;
    private IPipelineInstance? _esw;
    private byte[][] _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        PipelineDefinition definition = BenchPrograms.Compile(BenchPrograms.BasicIpv4);
        SwitchState state = BenchPrograms.NewState(definition);
        BenchPrograms.InstallRoutes(state);
        _basic = definition.Program.Instantiate(state);
        _frames = [.. Enumerable.Range(0, 64).Select(BenchPrograms.Frame)];
        if (BenchPrograms.Esw is { } esw)
        {
            PipelineDefinition eswDefinition = BenchPrograms.Compile(esw);
            SwitchState eswState = BenchPrograms.NewState(eswDefinition);
            BenchPrograms.InstallEswRoutes(eswState);
            _esw = eswDefinition.Program.Instantiate(eswState);
        }
    }

    [Benchmark(OperationsPerInvoke = Packets, Description = "ESW program, DC-to-DC IPv4/UDP: ingress+egress per packet")]
    public int Esw() => _esw is null ? 0 : Run(_esw);

    [Benchmark(OperationsPerInvoke = Packets, Description = "basic IPv4 LPM: ingress+egress per packet")]
    public int BasicIpv4() => Run(_basic);

    /// <summary>One traced packet through the ESW program (to check the benchmark exercises the forwarding path).</summary>
    public string EswTrace()
    {
        if (_esw is null)
        {
            return "no ESW program";
        }

        byte[] frame = _frames[1];
        var packet = new PacketContext(frame, new StandardMetadata { IngressPort = 1, PacketLength = (uint)frame.Length }) { Trace = new PacketTrace(1) };
        _esw.Ingress(packet);
        packet.Metadata.EgressPort = packet.Metadata.EgressSpec;
        _esw.Egress(packet);
        return $"{packet.Trace}; egress_spec {packet.Metadata.EgressSpec}, {packet.Output?.Length} bytes out";
    }

    private int Run(IPipelineInstance pipeline)
    {
        int bytes = 0;
        for (int i = 0; i < Packets; i++)
        {
            byte[] frame = _frames[i & 63];
            var packet = new PacketContext(frame, new StandardMetadata { IngressPort = 1, PacketLength = (uint)frame.Length });
            pipeline.Ingress(packet);
            packet.Metadata.EgressPort = packet.Metadata.EgressSpec;
            pipeline.Egress(packet);
            bytes += packet.Output?.Length ?? 0;
            packet.ReleaseState();
        }

        return bytes;
    }
}
