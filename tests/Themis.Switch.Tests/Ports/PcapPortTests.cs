using System.Collections.Concurrent;
using System.Diagnostics;
using SharpPcap;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Runtime.Tables;
using Themis.Switch.Tests.Packets.Support;

namespace Themis.Switch.Tests.Ports;

/// <summary>
/// Pcap ports on real veth pairs: a frame written into the peer of port 1 is routed by the basic
/// IPv4 program and read from the peer of port 2. Needs root and iproute2 (skipped otherwise); the
/// two veth pairs are created for the test and deleted after it, so traffic stays on them.
/// </summary>
[Category("Interface")]
[NonParallelizable]
public sealed class PcapPortTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _prefix = $"tsw{Environment.ProcessId % 100_000}";

    private string In => _prefix + "i";

    private string InPeer => _prefix + "I";

    private string Out => _prefix + "o";

    private string OutPeer => _prefix + "O";

    [SetUp]
    public async Task CreateVethPairsAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Pcap port test skipped: creating veth pairs and capturing needs root (run the tests as root).");
        }

        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/bin/ip"))
        {
            Assert.Ignore("Pcap port test skipped: the 'ip' command (iproute2) is missing; install iproute2.");
        }

        await DeleteVethPairsAsync();
        string? refused = await IpAsync($"link add {In} type veth peer name {InPeer}", check: false);
        if (refused is not null)
        {
            // Root without CAP_NET_ADMIN (a container, say) cannot create links.
            Assert.Ignore($"Pcap port test skipped: cannot create a veth pair ({refused.Trim()}).");
        }

        await IpAsync($"link add {Out} type veth peer name {OutPeer}");
        foreach (string dev in new[] { In, InPeer, Out, OutPeer })
        {
            // No IPv6 on the test links, so the only frames on them are the test's.
            await File.WriteAllTextAsync($"/proc/sys/net/ipv6/conf/{dev}/disable_ipv6", "1");
            await IpAsync($"link set {dev} up");
        }
    }

    [TearDown]
    public async Task DeleteVethPairsAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        // Deleting one end of a veth pair deletes both; a missing link is fine.
        await IpAsync($"link del {In}", check: false);
        await IpAsync($"link del {Out}", check: false);
    }

    [Test]
    public async Task Forward_FrameIntoVethPeer_LeavesThroughTheOtherVethRouted()
    {
        await using var sw = new SoftwareSwitch(new SwitchOptions { CpuPort = 255 });
        SwitchState state = sw.Load(new P4PipelineCompiler().CompileFile(ProgramHost.DataFile("basic_ipv4.p4")).Definition!);
        uint forward = state.Definition.P4Info.Actions.Single(a => a.Preamble.Name == "IngressImpl.forward").Preamble.Id;
        state.TableByName("IngressImpl.routing_v4").Insert(new TableEntryRecord([KeyFieldMatch.Lpm([10, 0, 0, 0], 8, 32)], 0, new ActionCall(forward, [[0, 0, 0, 0, 0, 0x22], [0, 2]]), TimeProvider.System));
        sw.AddPort(PcapPort.Open(1, In));
        sw.AddPort(PcapPort.Open(2, Out));
        sw.Start();

        using ILiveDevice sender = Device(InPeer);
        using ILiveDevice sink = Device(OutPeer);
        var received = new ConcurrentQueue<byte[]>();
        sink.OnPacketArrival += (_, capture) => received.Enqueue(capture.Data.ToArray());
        sink.StartCapture();

        byte[] frame = Frames.Ipv4Udp(0x0a050505, ttl: 64);
        byte[] expected = [.. frame];
        Array.Copy(frame, 0, expected, 6, 6);
        expected[5] = 0x22;
        expected[22] = 63;
        expected = Frames.FixIpv4Checksum(expected);

        // The capture may start a moment after StartCapture returns: send until the routed frame shows up.
        byte[]? routed = null;
        var clock = Stopwatch.StartNew();
        while (routed is null && clock.Elapsed < Timeout)
        {
            sender.SendPacket(frame);
            await Task.Delay(100);
            routed = received.FirstOrDefault(f => f.AsSpan().SequenceEqual(expected));
        }

        sink.StopCapture();
        await sw.WaitIdleAsync(Timeout);
        Assert.That(routed, Is.Not.Null, () => $"no routed frame on {OutPeer}; got {received.Count} frame(s): {string.Join(", ", received.Select(Frames.Hex))}; switch received {sw.Counters.Received}, sent {sw.Counters.Transmitted}");
        Assert.That(sw.Counters.Transmitted, Is.EqualTo(sw.Counters.Received), "every frame the switch took in was routed once: frames it sent are not captured back as input");
    }

    private static ILiveDevice Device(string name)
    {
        ILiveDevice device = CaptureDeviceList.New().Single(d => d.Name == name);
        device.Open(new DeviceConfiguration { Mode = DeviceModes.Promiscuous, ReadTimeout = 10, Immediate = true });
        return device;
    }

    // Runs ip; returns its error output when it failed and check is off.
    private static async Task<string?> IpAsync(string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("could not start ip");
        using var cts = new CancellationTokenSource(Timeout);
        string error = await process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode == 0)
        {
            return null;
        }

        if (check)
        {
            Assert.Fail($"ip {arguments} failed: {error}");
        }

        return error;
    }
}
