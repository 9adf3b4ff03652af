namespace Themis.Controller;

/// <summary>The switch's port roles (JSON section <c>ports</c>).</summary>
public sealed record PortsConfig
{
    /// <summary><c>dc</c>: ports facing the DC's hosts. At least one. One clone session is installed per port.</summary>
    public IReadOnlyList<uint> Dc { get; init; } = [];

    /// <summary><c>wan</c>: ports facing the WAN. At least one.</summary>
    public IReadOnlyList<uint> Wan { get; init; } = [];

    /// <summary><c>cpu</c>: the CPU port (BMv2 <c>--cpu-port</c>, and the program's CPU_PORT): non-zero and not 511, BMv2's drop port. Default 255 (the ESW program's default).</summary>
    public uint Cpu { get; init; } = 255;

    /// <summary><c>loop</c>: the loop port whose traffic re-enters the switch (TRP throttling, dummies).</summary>
    public uint Loop { get; init; }

    /// <summary>
    /// <c>cloneSessionBase</c>: the clone session of the i-th DC port (in <c>dc</c> order) is this plus i.
    /// Default 100.
    /// </summary>
    public uint CloneSessionBase { get; init; } = 100;
}
