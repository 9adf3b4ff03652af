using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The ESW as the tests wire it, the layout of the paper's Figure 1 reduced to one switch:
/// <code>
///   DC host A (10.1.0.1) ── port 1 ┐                 ┌ port 3 ── WAN router ── WAN hosts 10.2.0.0/16
///   DC host B (10.1.0.2) ── port 2 ┤       ESW       │
///                                  │  CPU port 255   │ port 4 (loop out) ──► back in on port 5 (loop in)
/// </code>
/// Every packet the switch sends out of port 4 re-enters on port 5, which is what a veth pair wired back
/// does on BMv2; the harness moves the frames (<see cref="LoopPump"/>) so a test can watch and hold them.
/// </summary>
public static class EswTopology
{
    public const uint DcPortA = 1;
    public const uint DcPortB = 2;
    public const uint WanPort = 3;
    public const uint LoopOutPort = 4;
    public const uint LoopInPort = 5;
    public const uint CpuPort = 255;

    /// <summary>Every data port a test may see traffic on.</summary>
    public static readonly uint[] DataPorts = [DcPortA, DcPortB, WanPort, LoopOutPort, LoopInPort];

    /// <summary>Clone session that sends CNPs back out of DC port <c>p</c> is 100 + p (docs/esw-pipeline.md).</summary>
    public static uint CnpSession(uint dcPort) => 100 + dcPort;

    public const uint CpuCloneSession = 500;

    public static readonly MacAddress SwitchMac = MacAddress.Parse("02:00:00:00:00:01");
    public static readonly MacAddress WanRouterMac = MacAddress.Parse("02:00:00:00:02:fe");
    public static readonly IPv4Address ControlIp = IPv4Address.Parse("10.1.255.254");
    public const ushort DaemonPort = 12345;

    public static readonly TestHost HostA = new("DC host A", DcPortA, MacAddress.Parse("00:00:0a:01:00:01"), IPv4Address.Parse("10.1.0.1"));
    public static readonly TestHost HostB = new("DC host B", DcPortB, MacAddress.Parse("00:00:0a:01:00:02"), IPv4Address.Parse("10.1.0.2"));

    /// <summary>A remote host: its frames reach the switch from the WAN router, on the WAN port.</summary>
    public static readonly TestHost RemoteHost = new("WAN host", WanPort, WanRouterMac, IPv4Address.Parse("10.2.0.1"));

    public static readonly TestHost RemoteHost2 = new("WAN host 2", WanPort, WanRouterMac, IPv4Address.Parse("10.2.7.9"));
}
