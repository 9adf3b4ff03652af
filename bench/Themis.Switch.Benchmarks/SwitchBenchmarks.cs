using BenchmarkDotNet.Attributes;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;

namespace Themis.Switch.Benchmarks;

/// <summary>
/// End to end through the software switch with in-memory ports: frames injected on port 1 go through
/// the ingress buffer, the pipeline loop (one core), the traffic manager and out of ports 2 and 3;
/// an operation ends when every frame has left.
/// </summary>
[MemoryDiagnoser]
public class SwitchBenchmarks
{
    public const int Packets = 10_000;

    private SoftwareSwitch _switch = null!;
    private InMemoryPort _in = null!;
    private InMemoryPort _out2 = null!;
    private InMemoryPort _out3 = null!;
    private byte[][] _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        _switch = new SoftwareSwitch(new SwitchOptions { CpuPort = 255, IngressBufferPackets = Packets * 2 });
        SwitchState state = _switch.Load(BenchPrograms.Compile(BenchPrograms.BasicIpv4));
        BenchPrograms.InstallRoutes(state);
        _in = _switch.AddInMemoryPort(1);
        _out2 = _switch.AddInMemoryPort(2);
        _out3 = _switch.AddInMemoryPort(3);
        _switch.Start();
        _frames = [.. Enumerable.Range(0, 64).Select(BenchPrograms.Frame)];
    }

    [GlobalCleanup]
    public void Cleanup() => _switch.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Packets, Description = "basic IPv4 LPM: in-memory port to port")]
    public int BasicIpv4EndToEnd()
    {
        long target = _switch.Counters.Transmitted + Packets;
        for (int i = 0; i < Packets; i++)
        {
            _in.Inject(_frames[i & 63]);
        }

        var spin = default(SpinWait);
        while (_switch.Counters.Transmitted < target)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        int received = 0;
        while (_out2.TryReceive(out _) || _out3.TryReceive(out _))
        {
            received++;
        }

        return received;
    }
}
