using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Microsoft.Extensions.Time.Testing;
using P4.Config.V1;
using P4.V1;
using Themis.P4Runtime;
using Themis.P4Runtime.Entities;
using Themis.P4Runtime.Info;
using Themis.Packets.Checksums;
using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;
using Themis.Packets.RoCE;
using Themis.Packets.Tcp;
using Themis.Switch.Engine;
using Themis.Switch.Pipeline;
using Themis.Switch.Ports;
using Themis.Switch.Server;

namespace Themis.Cli.Tests.Support;

/// <summary>
/// The embedded switch executing the ESW program (p4/v1model/themis_esw.p4), pushed over P4Runtime as a controller
/// pushes it, with two in-memory data ports: 1 faces the DC, 2 the WAN. The switch's clock is a fake one the test
/// moves, so the timestamps the program writes into registers are known to the microsecond.
/// Two flows are registered in qp_field: A (10.0.0.1 QPN 0x101 ↔ 10.1.0.2 QPN 0x201) in slot 3 and
/// B (10.0.0.5 QPN 0xff ↔ 10.1.0.9 QPN 0xabcd) in slot 7; cnp_store knows B.
/// </summary>
internal sealed class RunningEsw : IAsyncDisposable
{
    public const ulong ElectionId = 5;
    public const int Alpha0 = 5;
    public const uint CpuPort = 255;

    public static readonly Flow A = new(IPv4Address.Parse("10.0.0.1"), 0x101, IPv4Address.Parse("10.1.0.2"), 0x201, 3);
    public static readonly Flow B = new(IPv4Address.Parse("10.0.0.5"), 0xff, IPv4Address.Parse("10.1.0.9"), 0xabcd, 7);

    public static readonly MacAddress SwitchMac = MacAddress.Parse("02:00:00:00:00:fe");
    public static readonly MacAddress DcHostMac = MacAddress.Parse("02:00:00:00:00:01");
    public static readonly MacAddress WanRouterMac = MacAddress.Parse("02:00:00:00:01:01");

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly Lazy<PipelineDefinition> s_program = new(CompileProgram);

    private RunningEsw(SwitchHost host, FakeTimeProvider clock, P4InfoIndex index)
    {
        Host = host;
        Clock = clock;
        Index = index;
        DcPort = host.Switch.AddInMemoryPort(1);
        WanPort = host.Switch.AddInMemoryPort(2);
    }

    public SwitchHost Host { get; }

    /// <summary>The switch's clock: ingress timestamps are the µs elapsed on it since the switch started.</summary>
    public FakeTimeProvider Clock { get; }

    public P4InfoIndex Index { get; }

    public InMemoryPort DcPort { get; }

    public InMemoryPort WanPort { get; }

    public string Address => Host.Address.ToString().TrimEnd('/');

    /// <summary>The ESW's P4Info as the front end derives it (what the switch returns).</summary>
    public static P4Info P4Info => s_program.Value.P4Info;

    /// <summary>Starts the switch, pushes the ESW program and installs the topology and the two flows.</summary>
    public static async Task<RunningEsw> StartAsync(bool strict)
    {
        var clock = new FakeTimeProvider();
        SwitchHost host = await SwitchHost.StartAsync(
            new SwitchOptions { CpuPort = CpuPort }, new ServerOptions { Address = "127.0.0.1:0", StrictBmv2 = strict }, time: clock);
        try
        {
            var esw = new RunningEsw(host, clock, P4InfoIndex.FromP4Info(P4Info));
            await esw.InstallAsync();
            return esw;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A short-lived controller session (election id 1, below themisctl's), closed before themisctl runs.</summary>
    public Task<P4RuntimeClient> ConnectAsync() =>
        P4RuntimeClient.ConnectAsync(new P4RuntimeClientOptions { Address = Host.Address, ElectionId = 1, AutoReconnect = false });

    /// <summary>The switch's time in µs: what ingress_global_timestamp is for the next packet.</summary>
    public ulong NowMicros => Host.Switch.NowMicros;

    /// <summary>Moves the switch's clock so the next packet is timestamped <paramref name="micros"/> µs after start.</summary>
    public void SetTime(ulong micros)
    {
        ulong now = NowMicros;
        Assert.That(micros, Is.GreaterThanOrEqualTo(now), "the switch's clock only moves forward");
        Clock.Advance(TimeSpan.FromMicroseconds(micros - now));
        Assert.That(NowMicros, Is.EqualTo(micros));
    }

    /// <summary>
    /// The traffic the running-ESW tests read back. Flow A: one CE-marked data packet at t = 1 s (PNP writes
    /// last_cnp). Flow B: receiver CNPs at t = 2 s and 2 s + 10 µs (Algorithm 1: cnp_num 1 → loop_num 1, alpha
    /// alpha0 + 1 = 6 since 1 % 5 == 1; cnp_num 2, 2 % 6 != 1).
    /// </summary>
    public async Task MakeTrafficAsync()
    {
        SetTime(1_000_000);
        await SendCeDataAsync(A, psn: 100);
        SetTime(2_000_000);
        await SendReceiverCnpAsync(B);
        SetTime(2_000_010);
        await SendReceiverCnpAsync(B);
    }

    /// <summary>
    /// The local receiver of <paramref name="flow"/> sends a CNP to the remote sender: TRP throttles the flow's slot
    /// (Algorithm 1) and the CNP goes on to the WAN.
    /// </summary>
    public async Task SendReceiverCnpAsync(Flow flow)
    {
        byte[] cnp = RoceV2Packets.BuildCnp(new CnpSpec
        {
            SourceMac = DcHostMac,
            DestinationMac = SwitchMac,
            SourceIp = flow.LocalIp,
            DestinationIp = flow.RemoteIp,
            DestQp = flow.RemoteQpn,
        });
        DcPort.Inject(cnp);
        await ExpectOnAsync(WanPort, "the CNP forwarded to the WAN");
        await IdleAsync();
    }

    /// <summary>
    /// The local sender of <paramref name="flow"/> sends a CE-marked data packet: PNP forwards it with CE cleared and,
    /// unless a CNP went out less than cnp_interval ago, answers with a CNP on the DC port (writing last_cnp).
    /// </summary>
    /// <returns>The CNP PNP sent, or null when none was expected.</returns>
    public async Task<byte[]?> SendCeDataAsync(Flow flow, uint psn, bool expectCnp = true)
    {
        DcPort.Inject(Data(flow, psn, Ecn.CongestionExperienced));
        await ExpectOnAsync(WanPort, "the data packet forwarded to the WAN");
        await IdleAsync();
        if (expectCnp)
        {
            return await ExpectOnAsync(DcPort, "the CNP PNP generates");
        }

        Assert.That(DcPort.TryReceive(out _), Is.False, "PNP sent a CNP it should not have");
        return null;
    }

    /// <summary>A RoCEv2 data packet (RDMA WRITE middle, 32 bytes) the local sender of <paramref name="flow"/> sends.</summary>
    public static byte[] Data(Flow flow, uint psn, Ecn ecn) => RoceV2Packets.BuildData(new RoceV2DataPacketSpec
    {
        SourceMac = DcHostMac,
        DestinationMac = SwitchMac,
        SourceIp = flow.LocalIp,
        DestinationIp = flow.RemoteIp,
        Bth = new Bth { Opcode = (byte)BthOpcode.RcRdmaWriteMiddle, DestQp = flow.RemoteQpn, Psn = psn },
        Payload = new byte[32],
        Ecn = ecn,
    });

    /// <summary>
    /// The local host of <paramref name="flow"/> answers a TCP connection from the remote one (a SYN-ACK leaving the DC):
    /// the handshake monitor marks the pair verified in verified_pairs unless it already is.
    /// </summary>
    public async Task SendSynAckAsync(Flow flow)
    {
        DcPort.Inject(SynAck(flow));
        await ExpectOnAsync(WanPort, "the SYN-ACK forwarded to the WAN");
        await IdleAsync();
    }

    /// <summary>Ethernet + IPv4 + TCP SYN-ACK (no options) from the flow's local IP to its remote IP; checksums valid.</summary>
    public static byte[] SynAck(Flow flow)
    {
        const int ip = EthernetHeader.Size, tcp = ip + 20;
        byte[] frame = new byte[tcp + TcpHeader.Size];
        SwitchMac.WriteTo(frame);
        DcHostMac.WriteTo(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);
        frame[ip] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(ip + 2), 40);
        frame[ip + 6] = 0x40;
        frame[ip + 8] = 64;
        frame[ip + 9] = 6;
        flow.LocalIp.WriteTo(frame.AsSpan(ip + 12));
        flow.RemoteIp.WriteTo(frame.AsSpan(ip + 16));
        InternetChecksum.WriteIPv4HeaderChecksum(frame.AsSpan(ip, 20));
        new TcpHeader
        {
            SourcePort = 18515,
            DestinationPort = 40000,
            SequenceNumber = 1000,
            AcknowledgmentNumber = 501,
            Flags = TcpFlags.Syn | TcpFlags.Ack,
            Window = 64240,
        }.WriteTo(frame.AsSpan(tcp));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(tcp + 16), InternetChecksum.ComputeTcp(flow.LocalIp, flow.RemoteIp, frame.AsSpan(tcp)));
        return frame;
    }

    /// <summary>Injects a frame on the DC port and waits until the switch has processed it (whatever it does with it).</summary>
    public async Task InjectAndSettleAsync(byte[] frame)
    {
        DcPort.Inject(frame);
        await IdleAsync();
    }

    /// <summary>Waits until no packet is in the switch's pipeline.</summary>
    public Task IdleAsync() => Host.Switch.WaitIdleAsync(s_wait).WaitAsync(s_wait);

    /// <summary>Empties the output queues (frames the test has no interest in).</summary>
    public void DrainPorts()
    {
        while (DcPort.TryReceive(out _) || WanPort.TryReceive(out _))
        {
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static async Task<byte[]> ExpectOnAsync(InMemoryPort port, string what)
    {
        byte[]? frame = await port.ReceiveAsync(s_wait);
        Assert.That(frame, Is.Not.Null, $"the switch did not send {what} on port {port.Number} within {s_wait}");
        return frame!;
    }

    private static PipelineDefinition CompileProgram()
    {
        string main = Path.Combine(TestContext.CurrentContext.TestDirectory, "p4", "v1model", "themis_esw.p4");
        PipelineCompileResult result = new P4PipelineCompiler().CompileFile(main);
        Assert.That(result.Succeeded, Is.True, () => string.Join("\n", result.Errors));
        return result.Definition!;
    }

    private async Task InstallAsync()
    {
        PipelineDefinition program = s_program.Value;
        await using P4RuntimeClient client = await ConnectAsync();
        // The device config is the program's (preprocessed) source: the switch compiles and runs it.
        await client.SetForwardingPipelineConfigAsync(program.P4Info, program.DeviceConfig, cookie: 0xE5E5);
        await client.InsertAsync(
        [
            Index.TableEntry("port_roles").Exact("port", 1).Action("set_dc_port", ("cnp_session", 101)).Build().ToEntity(),
            Index.TableEntry("port_roles").Exact("port", 2).Action("set_wan_port").Build().ToEntity(),
            Index.TableEntry("routing_v4").Lpm("ipv4_dst", IPAddress.Parse("10.1.0.0"), 16)
                .Action("set_wan_next_hop", ("port", 2), ("dmac", WanRouterMac.ToString())).Build().ToEntity(),
            Index.TableEntry("routing_v4").Lpm("ipv4_dst", IPAddress.Parse("10.0.0.0"), 24)
                .Action("set_next_hop", ("port", 1), ("dmac", DcHostMac.ToString())).Build().ToEntity(),
            QpField(A), QpField(B),
            Index.TableEntry("cnp_store").Exact("ipv4_dst", Ip(B.LocalIp)).Exact("dest_qp", B.LocalQpn)
                .Action("set_cnp_store_slot", ("slot", B.Slot)).Build().ToEntity(),
            P4Entities.CloneSession(101, [(1, 0)]),
            P4Entities.CloneSession(500, [(CpuPort, 0)]),
        ]);
        await client.ModifyAsync(Index.DefaultEntry("themis_params").Action("set_params",
            ("cnp_interval", 50), ("alpha0", Alpha0), ("beta", 500), ("cnp_dscp", 48), ("switch_mac", SwitchMac.ToString()),
            ("control_ip", IPAddress.Parse("10.0.0.254")), ("daemon_port", 12345), ("loop_port", 511),
            ("direct_recovery", 0), ("passive_handshake", 0)).Build().ToEntity());
    }

    private Entity QpField(Flow f) =>
        Index.TableEntry("qp_field").Exact("ipv4_src", Ip(f.LocalIp)).Exact("ipv4_dst", Ip(f.RemoteIp)).Exact("dest_qp", f.RemoteQpn)
            .Action("set_qp_field", ("local_qpn", f.LocalQpn), ("slot", f.Slot)).Build().ToEntity();

    private static IPAddress Ip(IPv4Address address) => IPAddress.Parse(address.ToString());

    /// <summary>An inter-DC flow as qp_field registers it.</summary>
    public sealed record Flow(IPv4Address LocalIp, uint LocalQpn, IPv4Address RemoteIp, uint RemoteQpn, int Slot);
}
