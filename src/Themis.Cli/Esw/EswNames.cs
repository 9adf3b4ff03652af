namespace Themis.Cli.Esw;

/// <summary>
/// Every name of the ESW program (p4/) that themisctl depends on, in one place: the tables, fields, actions,
/// registers, counters and controller-header fields are the program's control-plane API, so a rename in p4/
/// is a change here and nowhere else. Names are short names, resolved by <c>P4InfoIndex</c> whether p4c
/// writes them with or without a control prefix.
/// </summary>
internal static class EswNames
{
    // qp_field (pnp.p4): (ipv4_src, ipv4_dst, dest_qp) -> set_qp_field(local_qpn, slot); direct counter.
    public const string QpField = "qp_field";
    public const string QpFieldLocalIp = "ipv4_src";
    public const string QpFieldRemoteIp = "ipv4_dst";
    public const string QpFieldRemoteQpn = "dest_qp";
    public const string SetQpField = "set_qp_field";
    public const string SetQpFieldLocalQpn = "local_qpn";
    public const string SetQpFieldSlot = "slot";

    // cnp_store (trp.p4): (ipv4_dst = local IP, dest_qp = local QPN) -> set_cnp_store_slot(slot).
    public const string CnpStore = "cnp_store";
    public const string CnpStoreLocalIp = "ipv4_dst";
    public const string CnpStoreLocalQpn = "dest_qp";
    public const string SetCnpStoreSlot = "set_cnp_store_slot";
    public const string SetCnpStoreSlotSlot = "slot";

    // themis_params (params.p4): keyless; its default action set_params carries every runtime parameter.
    public const string ParamsTable = "themis_params";
    public const string SetParams = "set_params";

    // Per-slot registers (state.p4), indexed by the slot of a qp_field entry.
    public const string LastCnp = "last_cnp";
    public const string FlowState = "flow_state";
    public const string CnpNum = "cnp_num";
    public const string Alpha = "alpha";
    public const string LoopNum = "loop_num";
    public const string CnpTime = "cnp_time";
    public const string LastPsn = "last_psn";
    public const string InLoop = "in_loop";

    /// <summary>Every per-slot register: one READ_SLOT / RESET_SLOT control packet covers them all.</summary>
    public static readonly IReadOnlyList<string> SlotRegisters = [LastCnp, FlowState, CnpNum, Alpha, LoopNum, CnpTime, LastPsn, InLoop];

    // Hash-indexed registers.
    public const string CnpCache = "cnp_cache";

    /// <summary>verified_pairs: local IPv4 (high 32 bits) ++ remote IPv4 (low 32 bits); 0 = empty.</summary>
    public const string VerifiedPairs = "verified_pairs";

    // Decision counter (state.p4) with one index per EV_* constant in define.p4.
    public const string EventsCounter = "themis_events";

    // Controller headers (header.p4).
    public const string PacketIn = "packet_in";
    public const string PacketInReason = "reason";
    public const string PacketOut = "packet_out";
    public const string PacketOutEgressPort = "egress_port";

    /// <summary>packet_in.reason of a control reply (PUNT_REASON_CONTROL_REPLY in define.p4).</summary>
    public const ulong PuntReasonControlReply = 3;

    /// <summary>
    /// Names of the themis_events indices, EV_* in define.p4 in index order (lower case, without the prefix).
    /// </summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "packet_out", "control_ok", "control_failed", "dummy_recirculated", "daemon_punted",
        "pnp_ce_seen", "pnp_ce_unregistered", "pnp_cnp_generated", "pnp_cnp_suppressed", "pnp_ce_cleared",
        "trp_cnp_seen", "trp_cnp_unregistered", "trp_cnp_copied", "trp_loop_num_raised", "trp_cache_hit",
        "trp_store_hit", "trp_throttled", "trp_recover_entered", "trp_recover_skip", "trp_recover_one_pass",
        "trp_normal_restored", "trp_loop_pass", "trp_loop_exit", "trp_no_loop_port", "hs_cookie_sent",
        "hs_verified", "hs_rejected", "hs_old_secret_accepted", "hs_syn_verified_forwarded", "hs_synack_marked",
        "hs_passive_marked", "hs_passive_syn_forwarded", "routed", "drop_parse_too_short", "drop_parse_ipv4_ihl",
        "drop_parse_ipv4_total_len", "drop_parse_udp_length", "drop_parse_tcp_offset", "drop_parse_roce_too_short", "drop_parse_other",
        "drop_ipv4_checksum", "drop_not_ipv4", "drop_no_route", "drop_ttl_expired", "drop_to_control_ip",
        "drop_daemon_not_dc", "drop_cpu_meter_daemon", "drop_cpu_meter_cnp_copy", "drop_control_from_wire", "drop_loop_from_wire",
        "drop_dummy_from_wire", "drop_bad_slot", "drop_hs_rejected", "trp_loop_held",
    ];

    /// <summary>The event name of a themis_events index, or "index_N" for indices the program does not name.</summary>
    public static string EventName(long index) =>
        index >= 0 && index < Events.Count ? Events[(int)index] : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"index_{index}");
}
