// Themis ESW (v1model): runtime parameters and port roles.
#ifndef THEMIS_V1MODEL_PARAMS_P4
#define THEMIS_V1MODEL_PARAMS_P4

// Every runtime parameter lives in the default action of a keyless table: BMv2's P4Runtime
// server refuses register writes, but modifying a default entry works everywhere.
control Params(inout local_metadata_t meta) {

    @name(".set_params")
    action set_params(timestamp_t cnp_interval, bit<16> alpha0, timestamp_t beta, bit<6> cnp_dscp,
                      mac_addr_t switch_mac, ipv4_addr_t control_ip, bit<16> daemon_port,
                      port_t loop_port, bit<1> direct_recovery, bit<1> passive_handshake) {
        meta.params.cnp_interval = cnp_interval;
        meta.params.alpha0 = alpha0;
        meta.params.beta = beta;
        meta.params.cnp_dscp = cnp_dscp;
        meta.params.switch_mac = switch_mac;
        meta.params.control_ip = control_ip;
        meta.params.daemon_port = daemon_port;
        meta.params.loop_port = loop_port;
        meta.params.direct_recovery = direct_recovery;
        meta.params.passive_handshake = passive_handshake;
    }

    @name(".themis_params")
    table themis_params {
        actions = {
            set_params;
        }
        default_action = set_params(DEFAULT_CNP_INTERVAL_US, DEFAULT_ALPHA0, DEFAULT_BETA_US,
                                    DEFAULT_CNP_DSCP, 48w0, 32w0, DEFAULT_DAEMON_PORT,
                                    LOOP_PORT_UNSET, 1w0, 1w0);
        size = 1;
    }

    apply {
        themis_params.apply();
    }
}

// What each front-panel port is: DC-facing (with the clone session that sends CNPs back out of
// it), WAN-facing, or the receiving end of the loop. Unlisted ports only route.
control PortRoles(inout local_metadata_t meta, inout standard_metadata_t standard_metadata) {

    @name(".set_dc_port")
    action set_dc_port(bit<32> cnp_session) {
        meta.ingress_role = PORT_ROLE_DC;
        meta.cnp_session = cnp_session;
    }

    @name(".set_wan_port")
    action set_wan_port() {
        meta.ingress_role = PORT_ROLE_WAN;
    }

    @name(".set_loop_port")
    action set_loop_port() {
        meta.ingress_role = PORT_ROLE_LOOP;
    }

    @name(".set_unassigned_port")
    action set_unassigned_port() {
        meta.ingress_role = PORT_ROLE_NONE;
    }

    @name(".port_roles")
    table port_roles {
        key = {
            standard_metadata.ingress_port: exact @name("port");
        }
        actions = {
            set_dc_port;
            set_wan_port;
            set_loop_port;
            @defaultonly set_unassigned_port;
        }
        const default_action = set_unassigned_port();
        size = PORT_ROLES_SIZE;
    }

    apply {
        port_roles.apply();
    }
}

#endif  // THEMIS_V1MODEL_PARAMS_P4
