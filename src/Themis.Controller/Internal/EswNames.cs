namespace Themis.Controller.Internal;

/// <summary>
/// The names of the ESW program (p4/) the controller relies on: tables, actions, parameters, digest,
/// controller headers and constants. They are the data plane's API; docs/esw-pipeline.md lists them.
/// </summary>
internal static class EswNames
{
    public const string QpField = "qp_field";
    public const string SetQpField = "set_qp_field";
    public const string CnpStore = "cnp_store";
    public const string SetCnpStoreSlot = "set_cnp_store_slot";
    public const string RoutingV4 = "routing_v4";
    public const string SetNextHop = "set_next_hop";
    public const string SetWanNextHop = "set_wan_next_hop";
    public const string PortRoles = "port_roles";
    public const string SetDcPort = "set_dc_port";
    public const string SetWanPort = "set_wan_port";
    public const string SetLoopPort = "set_loop_port";
    public const string ThemisParams = "themis_params";
    public const string SetParams = "set_params";
    public const string CookieSecrets = "cookie_secrets";
    public const string SetCookieSecrets = "set_cookie_secrets";
    public const string HandshakeDigest = "handshake_digest_t";
    public const string VerifiedPairs = "verified_pairs";

    /// <summary>CPU_CLONE_SESSION in define.p4: the session the controller points at the CPU port for CNP copies.</summary>
    public const uint CpuCloneSession = 500;
}
