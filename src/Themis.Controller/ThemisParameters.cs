namespace Themis.Controller;

/// <summary>The data plane's tunables and sizes (JSON section <c>themis</c>).</summary>
public sealed record ThemisParameters
{
    /// <summary><c>cnpInterval</c>: least time between two PNP CNPs of one flow (DCQCN's NP rule). Default <c>50us</c>.</summary>
    public TimeSpan CnpInterval { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary><c>alpha0</c>: initial alpha of Algorithm 1 (CNPs per loop-count step). Default 5.</summary>
    public int Alpha0 { get; init; } = 5;

    /// <summary><c>beta</c>: quiet time after the last CNP before a throttled flow recovers. Default <c>500us</c>.</summary>
    public TimeSpan Beta { get; init; } = TimeSpan.FromMicroseconds(500);

    /// <summary>
    /// <c>flowSlots</c>: per-flow slots the controller hands out; at most the program's <c>qp_field</c> size and
    /// slot register size, and at most 32768 (a <c>cnp_cache</c> cell holds a 15-bit slot). Default 1024 (the paper's).
    /// </summary>
    public int FlowSlots { get; init; } = 1024;

    /// <summary><c>cnpStoreSize</c>: <c>cnp_store</c> entries the controller installs at most. Default 1024.</summary>
    public int CnpStoreSize { get; init; } = 1024;

    /// <summary><c>cnpCacheSize</c>: cells of the <c>cnp_cache</c> register (must match the program). Default 1024.</summary>
    public int CnpCacheSize { get; init; } = 1024;

    /// <summary><c>cnpDscp</c>: DSCP of generated CNPs, 0..63. Default 48 (the usual NIC CNP priority).</summary>
    public int CnpDscp { get; init; } = 48;

    /// <summary><c>dummyCount</c>: dummy packets injected into the loop at start-up. Default 8.</summary>
    public int DummyCount { get; init; } = 8;

    /// <summary><c>recovery</c>: <c>ordered</c> (default) or <c>direct</c>.</summary>
    public RecoveryMode Recovery { get; init; } = RecoveryMode.Ordered;

    /// <summary><c>handshake</c>: <c>cookie</c> (default) or <c>passive</c>.</summary>
    public HandshakeMode Handshake { get; init; } = HandshakeMode.Cookie;
}
