// Themis ESW (v1model): daemon packets to the controller, and the packet_in header on the way out.
#ifndef THEMIS_V1MODEL_PUNT_P4
#define THEMIS_V1MODEL_PUNT_P4

// Called for IPv4 packets addressed to the control IP. Daemon packets from DC-facing ports go to
// the CPU through the CPU meter; everything else addressed to the control IP is dropped.
control DaemonPunt(inout headers_t hdr,
                   inout local_metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply {
        mark_to_drop(standard_metadata);
        if (!hdr.udp.isValid() || hdr.udp.dport != meta.params.daemon_port) {
            themis_events.count(EV_DROP_TO_CONTROL_IP);
            return;
        }
        if (meta.ingress_role != PORT_ROLE_DC) {
            themis_events.count(EV_DROP_DAEMON_NOT_DC);
            return;
        }
        cpu_meter.execute_meter(CPU_METER_DAEMON, meta.meter_color);
        if (meta.meter_color == METER_COLOR_RED) {
            themis_events.count(EV_DROP_CPU_METER_DAEMON);
            return;
        }
        standard_metadata.egress_spec = CPU_PORT_ID;
        meta.punt_reason = PUNT_REASON_DAEMON;
        meta.punt_ingress_port = standard_metadata.ingress_port;
        themis_events.count(EV_DAEMON_PUNTED);
    }
}

// Egress: everything leaving by the CPU port carries packet_in, filled from the punt fields
// (preserved into clones by @field_list(FL_CLONE)).
control PacketIn(inout headers_t hdr, inout local_metadata_t meta) {
    apply {
        hdr.packet_in.setValid();
        hdr.packet_in.ingress_port = meta.punt_ingress_port;
        hdr.packet_in._pad0 = 7w0;
        hdr.packet_in.reason = meta.punt_reason;
        hdr.packet_in.slot = meta.punt_slot;
        hdr.packet_in.local_qpn = meta.punt_local_qpn;
        hdr.packet_in.cache_index = meta.punt_cache_index;
        hdr.packet_in.cache_entry = meta.punt_cache_entry;
    }
}

#endif  // THEMIS_V1MODEL_PUNT_P4
