namespace Themis.Controller;

/// <summary>The P4Runtime server of the ESW (JSON section <c>switch</c>).</summary>
public sealed record SwitchConnectionConfig
{
    /// <summary><c>address</c>: the P4Runtime server. Default <c>http://127.0.0.1:9559</c> (BMv2's port).</summary>
    public Uri Address { get; init; } = new("http://127.0.0.1:9559");

    /// <summary><c>deviceId</c>: the P4Runtime device id. Default 0 (BMv2's <c>--device-id</c> default).</summary>
    public ulong DeviceId { get; init; }

    /// <summary>
    /// <c>electionId</c>: this controller's election id (number or decimal string, up to 128 bits). The highest
    /// connected id is primary; standbys use lower ids. Default 1.
    /// </summary>
    public UInt128 ElectionId { get; init; } = UInt128.One;

    /// <summary><c>role</c>: the P4Runtime role; "" (default) is the full-access default role.</summary>
    public string Role { get; init; } = "";
}
