using Themis.Packets.Ethernet;
using Themis.Packets.IPv4;

namespace Themis.Esw.Tests.Support;

/// <summary>
/// The arguments of <c>themis_params</c>' default action <c>set_params</c> (docs/esw-pipeline.md). <see cref="Baseline"/>
/// is what every test starts from: the program's defaults, plus the topology's switch MAC, control IP and loop port.
/// </summary>
public sealed record EswParams
{
    public ulong CnpIntervalUs { get; init; } = 50;
    public ushort Alpha0 { get; init; } = 5;
    public ulong BetaUs { get; init; } = 500;
    public byte CnpDscp { get; init; } = 48;
    public MacAddress SwitchMac { get; init; } = EswTopology.SwitchMac;
    public IPv4Address ControlIp { get; init; } = EswTopology.ControlIp;
    public ushort DaemonPort { get; init; } = EswTopology.DaemonPort;
    public uint LoopPort { get; init; } = EswTopology.LoopOutPort;
    public bool DirectRecovery { get; init; }
    public bool PassiveHandshake { get; init; }

    public static EswParams Baseline { get; } = new();

    /// <summary>Loop port value that turns throttling off (BMv2's drop port).</summary>
    public const uint NoLoopPort = 511;

    public (string Name, object Value)[] ToActionParams() =>
    [
        ("cnp_interval", CnpIntervalUs),
        ("alpha0", Alpha0),
        ("beta", BetaUs),
        ("cnp_dscp", CnpDscp),
        ("switch_mac", SwitchMac.Value),
        ("control_ip", ControlIp.Value),
        ("daemon_port", DaemonPort),
        ("loop_port", LoopPort),
        ("direct_recovery", DirectRecovery ? 1 : 0),
        ("passive_handshake", PassiveHandshake ? 1 : 0),
    ];
}
