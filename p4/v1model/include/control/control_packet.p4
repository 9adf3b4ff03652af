// Themis ESW (v1model): packets from the controller. A control packet (Ethernet ETHERTYPE_THEMIS +
// control_t) is executed on the registers and answered with a packet-in (PUNT_REASON_CONTROL_REPLY)
// carrying the same header, status and values filled in. Any other packet-out is sent out of
// packet_out.egress_port unchanged (this is how dummies reach the loop port).
#ifndef THEMIS_V1MODEL_CONTROL_PACKET_P4
#define THEMIS_V1MODEL_CONTROL_PACKET_P4

control ControlPacket(inout headers_t hdr,
                      inout local_metadata_t meta,
                      inout standard_metadata_t standard_metadata) {
    apply {
        if (!hdr.ctrl.isValid()) {
            standard_metadata.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            themis_events.count(EV_PACKET_OUT);
            return;
        }
        hdr.packet_out.setInvalid();

        bit<8> op = hdr.ctrl.op;
        bit<32> index = hdr.ctrl.index;
        bit<8> status = CONTROL_STATUS_OK;
        if (op == CONTROL_OP_RESET_SLOT || op == CONTROL_OP_READ_SLOT) {
            if (index >= MAX_FLOWS) {
                status = CONTROL_STATUS_OUT_OF_RANGE;
            } else if (op == CONTROL_OP_RESET_SLOT) {
                last_cnp.write(index, 48w0);
                flow_state.write(index, FLOW_STATE_NORMAL);
                cnp_num.write(index, 32w0);
                alpha.write(index, 16w0);
                loop_num.write(index, 8w0);
                cnp_time.write(index, 48w0);
                last_psn.write(index, 32w0);
                in_loop.write(index, 16w0);
            } else {
                flow_state.read(hdr.ctrl.flow_state, index);
                loop_num.read(hdr.ctrl.loop_num, index);
                alpha.read(hdr.ctrl.alpha, index);
                cnp_num.read(hdr.ctrl.cnp_num, index);
                cnp_time.read(hdr.ctrl.cnp_time, index);
                last_cnp.read(hdr.ctrl.last_cnp, index);
                last_psn.read(hdr.ctrl.last_psn, index);
                in_loop.read(hdr.ctrl.in_loop, index);
            }
        } else if (op == CONTROL_OP_CLEAR_CACHE || op == CONTROL_OP_CLEAR_CACHE_IF_MATCH
                   || op == CONTROL_OP_READ_CACHE) {
            if (index >= CNP_CACHE_SIZE) {
                status = CONTROL_STATUS_OUT_OF_RANGE;
            } else {
                bit<32> entry;
                cnp_cache.read(entry, index);
                hdr.ctrl.cache_entry = entry;
                if (op == CONTROL_OP_CLEAR_CACHE) {
                    cnp_cache.write(index, 32w0);
                } else if (op == CONTROL_OP_CLEAR_CACHE_IF_MATCH) {
                    // The entry may have been overwritten by another flow's CNP since the copy
                    // that asked for this was sent; that flow still needs it.
                    if (entry == hdr.ctrl.expected_cache_entry) {
                        cnp_cache.write(index, 32w0);
                    } else {
                        status = CONTROL_STATUS_NOT_MATCHED;
                    }
                }
            }
        } else if (op == CONTROL_OP_CLEAR_PAIR) {
            if (index >= VERIFIED_PAIRS_SIZE) {
                status = CONTROL_STATUS_OUT_OF_RANGE;
            } else {
                verified_pairs.write(index, 64w0);
            }
        } else {
            status = CONTROL_STATUS_UNKNOWN_OP;
        }

        hdr.ctrl.status = status;
        if (status == CONTROL_STATUS_OK || status == CONTROL_STATUS_NOT_MATCHED) {
            themis_events.count(EV_CONTROL_OK);
        } else {
            themis_events.count(EV_CONTROL_FAILED);
        }
        standard_metadata.egress_spec = CPU_PORT_ID;
        meta.punt_reason = PUNT_REASON_CONTROL_REPLY;
        meta.punt_ingress_port = standard_metadata.ingress_port;
    }
}

#endif  // THEMIS_V1MODEL_CONTROL_PACKET_P4
