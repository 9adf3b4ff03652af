// Themis ESW (v1model): the Temporary Reaction Point.
// A CNP from a local receiver toward a remote sender marks the flow's slot THROTTLED (Algorithm 1)
// and is forwarded unchanged; the remote sender's data for that receiver QP is then sent through
// the loop port loop_num times before delivery, until the sender has reacted. cnp_cache (written
// here, in the data plane) finds the slot at once; cnp_store (written by the controller from the
// CNP copy) takes over ~1 ms later, after which the controller clears the cache entry.
#ifndef THEMIS_V1MODEL_TRP_P4
#define THEMIS_V1MODEL_TRP_P4

// CNP from a DC port toward the WAN (qp_field already applied).
control TrpCnp(inout headers_t hdr,
               inout local_metadata_t meta,
               inout standard_metadata_t standard_metadata) {
    apply {
        themis_events.count(EV_TRP_CNP_SEEN);
        if (meta.qp_hit == 1w0) {
            themis_events.count(EV_TRP_CNP_UNREGISTERED);
            return;
        }
        bit<32> slot = (bit<32>)meta.slot;
        if (slot >= MAX_FLOWS) {
            themis_events.count(EV_DROP_BAD_SLOT);
            return;
        }

        // cnp_cache[hash(local IP, local QPN)] = tag | valid | slot; the data side hashes
        // (ipv4.dst, bth.dest_qp) of the same widths, so both see the same bytes.
        bit<32> cache_index;
        bit<16> tag;
        hash(cache_index, HashAlgorithm.crc32, 32w0, { hdr.ipv4.src_addr, meta.local_qpn }, (bit<32>)CNP_CACHE_SIZE);
        hash(tag, HashAlgorithm.crc16, 16w0, { hdr.ipv4.src_addr, meta.local_qpn }, 32w65536);
        bit<32> cache_entry = tag ++ 1w1 ++ meta.slot[14:0];
        cnp_cache.write(cache_index, cache_entry);

        // Algorithm 1, on CNP: cnp_num++; status = THROTTLED; cnp_time = now;
        // if cnp_num % alpha == 1 { loop_num++; alpha++ }
        bit<32> v_cnp_num;
        bit<16> v_alpha;
        bit<8> v_loop_num;
        cnp_num.read(v_cnp_num, slot);
        alpha.read(v_alpha, slot);
        loop_num.read(v_loop_num, slot);
        if (v_alpha == 16w0) {
            v_alpha = meta.params.alpha0;
        }
        if (v_alpha == 16w0) {
            v_alpha = 16w1;
        }
        v_cnp_num = v_cnp_num + 32w1;
        // cnp_num % alpha: p4c accepts % only with compile-time operands, but hash() computes
        // base + (H % max) with a run-time max, and the identity hash of one field is its value.
        bit<32> remainder;
        hash(remainder, HashAlgorithm.identity, 32w0, { v_cnp_num }, (bit<32>)v_alpha);
        if (remainder == 32w1) {
            if (v_loop_num != 8w0xFF) {
                v_loop_num = v_loop_num + 8w1;
            }
            if (v_alpha != 16w0xFFFF) {
                v_alpha = v_alpha + 16w1;
            }
            themis_events.count(EV_TRP_LOOP_NUM_RAISED);
        }
        cnp_num.write(slot, v_cnp_num);
        alpha.write(slot, v_alpha);
        loop_num.write(slot, v_loop_num);
        flow_state.write(slot, FLOW_STATE_THROTTLED);
        cnp_time.write(slot, standard_metadata.ingress_global_timestamp);

        // A copy for the controller, which installs cnp_store and then clears the cache entry.
        cpu_meter.execute_meter(CPU_METER_CNP_COPY, meta.meter_color);
        if (meta.meter_color == METER_COLOR_RED) {
            themis_events.count(EV_DROP_CPU_METER_CNP_COPY);
            return;
        }
        meta.clone_reason = CLONE_REASON_CNP_COPY;
        meta.punt_reason = PUNT_REASON_CNP_COPY;
        meta.punt_ingress_port = standard_metadata.ingress_port;
        meta.punt_slot = meta.slot;
        meta.punt_local_qpn = meta.local_qpn;
        meta.punt_cache_index = cache_index;
        meta.punt_cache_entry = cache_entry;
        clone_preserving_field_list(CloneType.I2E, CPU_CLONE_SESSION, FL_CLONE);
        themis_events.count(EV_TRP_CNP_COPIED);
    }
}

// RoCEv2 data arriving from the WAN: find the receiver's slot, run Algorithm 1's data side and
// decide how many loop passes the packet makes. Runs before routing; a packet sent to the loop is
// routed when it leaves the loop.
control TrpData(inout headers_t hdr,
                inout local_metadata_t meta,
                inout standard_metadata_t standard_metadata) {

    @name(".cnp_store_counter")
    direct_counter(CounterType.packets_and_bytes) cnp_store_counter;

    @name(".set_cnp_store_slot")
    action set_cnp_store_slot(slot_t slot) {
        meta.slot = slot;
    }

    // (local IP, local QPN) -> slot, installed by the controller from CNP copies; idle entries
    // age out (P4Runtime idle timeout).
    @name(".cnp_store")
    table cnp_store {
        key = {
            hdr.ipv4.dst_addr: exact @name("ipv4_dst");
            hdr.bth.dest_qp: exact @name("dest_qp");
        }
        actions = {
            set_cnp_store_slot;
            @defaultonly NoAction;
        }
        const default_action = NoAction();
        counters = cnp_store_counter;
        support_timeout = true;
        size = CNP_STORE_SIZE;
    }

    apply {
        bit<32> cache_index;
        bit<16> tag;
        bit<32> cache_entry;
        hash(cache_index, HashAlgorithm.crc32, 32w0, { hdr.ipv4.dst_addr, hdr.bth.dest_qp }, (bit<32>)CNP_CACHE_SIZE);
        hash(tag, HashAlgorithm.crc16, 16w0, { hdr.ipv4.dst_addr, hdr.bth.dest_qp }, 32w65536);
        cnp_cache.read(cache_entry, cache_index);
        if (cache_entry[15:15] == 1w1 && cache_entry[31:16] == tag) {
            meta.slot = (slot_t)cache_entry[14:0];
            themis_events.count(EV_TRP_CACHE_HIT);
        } else if (cnp_store.apply().hit) {
            themis_events.count(EV_TRP_STORE_HIT);
        } else {
            return;
        }
        bit<32> slot = (bit<32>)meta.slot;
        if (slot >= MAX_FLOWS) {
            themis_events.count(EV_DROP_BAD_SLOT);
            return;
        }

        bit<8> v_state;
        timestamp_t v_cnp_time;
        bit<16> v_alpha;
        bit<8> v_loop_num;
        bit<16> v_in_loop;
        bit<32> v_last_psn;
        flow_state.read(v_state, slot);
        cnp_time.read(v_cnp_time, slot);
        alpha.read(v_alpha, slot);
        loop_num.read(v_loop_num, slot);
        in_loop.read(v_in_loop, slot);
        last_psn.read(v_last_psn, slot);

        // Algorithm 1, on data: if now - cnp_time > beta { status = RECOVER;
        // alpha = max(1, alpha / 2); cnp_num = 0 }. Applied once, on leaving THROTTLED.
        if (v_state == FLOW_STATE_THROTTLED
                && standard_metadata.ingress_global_timestamp - v_cnp_time > meta.params.beta) {
            if (v_alpha == 16w0) {
                v_alpha = meta.params.alpha0;
            }
            v_alpha = v_alpha >> 1;
            if (v_alpha == 16w0) {
                v_alpha = 16w1;
            }
            cnp_num.write(slot, 32w0);
            // loop_num decays by half per recovery, so a flow that keeps provoking CNPs climbs
            // back quickly while a calm one returns to no throttling.
            v_loop_num = v_loop_num >> 1;
            if (meta.params.direct_recovery == 1w1) {
                v_state = FLOW_STATE_NORMAL;
            } else {
                v_state = FLOW_STATE_RECOVER;
            }
            themis_events.count(EV_TRP_RECOVER_ENTERED);
        }
        if (v_state == FLOW_STATE_RECOVER && v_in_loop == 16w0) {
            // Nothing of the flow is in the loop: nothing to overtake.
            v_state = FLOW_STATE_NORMAL;
            themis_events.count(EV_TRP_NORMAL_RESTORED);
        }

        bit<8> loops = 8w0;
        if (v_state == FLOW_STATE_THROTTLED) {
            loops = v_loop_num;
        } else if (v_state == FLOW_STATE_RECOVER) {
            // The loop is FIFO: one pass puts a new packet behind every older one of its flow,
            // unless it directly follows the last PSN delivered, which it cannot overtake.
            if (v_last_psn[24:24] == 1w1 && hdr.bth.psn == v_last_psn[23:0] + 24w1) {
                themis_events.count(EV_TRP_RECOVER_SKIP);
            } else {
                loops = 8w1;
                themis_events.count(EV_TRP_RECOVER_ONE_PASS);
            }
        }
        if (loops != 8w0 && meta.params.loop_port == LOOP_PORT_UNSET) {
            loops = 8w0;
            themis_events.count(EV_TRP_NO_LOOP_PORT);
        }

        if (loops != 8w0) {
            hdr.loop.setValid();
            hdr.loop.kind = THEMIS_KIND_LOOP;
            hdr.loop.loops_left = loops;
            hdr.loop.slot = meta.slot;
            hdr.loop.orig_ether_type = hdr.ethernet.ether_type;
            hdr.loop.passes = 8w0;
            hdr.loop.held = 8w0;
            hdr.ethernet.ether_type = ETHERTYPE_THEMIS;
            standard_metadata.egress_spec = meta.params.loop_port;
            v_in_loop = v_in_loop + 16w1;
            if (v_last_psn[24:24] == 1w0) {
                // First packet of the flow to enter the loop: it is the next one due out.
                v_last_psn = LAST_PSN_VALID | (bit<32>)(hdr.bth.psn - 24w1);
            }
            meta.to_loop = 1w1;
            themis_events.count(EV_TRP_THROTTLED);
        } else {
            v_last_psn = LAST_PSN_VALID | (bit<32>)hdr.bth.psn;
        }

        flow_state.write(slot, v_state);
        alpha.write(slot, v_alpha);
        loop_num.write(slot, v_loop_num);
        in_loop.write(slot, v_in_loop);
        last_psn.write(slot, v_last_psn);
    }
}

// A packet back from the loop port: another pass while its flow is THROTTLED and passes remain,
// else it leaves the loop (header removed) and is routed.
control LoopReturn(inout headers_t hdr,
                   inout local_metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply {
        themis_events.count(EV_TRP_LOOP_PASS);
        bit<32> slot = (bit<32>)hdr.loop.slot;
        if (slot >= MAX_FLOWS) {
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_BAD_SLOT);
            meta.stay_in_loop = 1w1;
            return;
        }
        bit<8> v_state;
        bit<16> v_in_loop;
        bit<32> v_last_psn;
        flow_state.read(v_state, slot);
        in_loop.read(v_in_loop, slot);
        last_psn.read(v_last_psn, slot);

        bit<8> left = hdr.loop.loops_left;
        if (left != 8w0) {
            left = left - 8w1;
        }
        bool again = v_state == FLOW_STATE_THROTTLED && left != 8w0;
        // The loop is FIFO but circular: when the flow recovers (or loop_num shrinks), the packet
        // that happens to come back first is not necessarily the oldest. Unless the NIC accepts
        // out-of-order delivery, a packet leaves only when its PSN follows the last one forwarded.
        if (!again && meta.params.direct_recovery == 1w0 && hdr.bth.isValid()
                && v_last_psn[24:24] == 1w1 && hdr.bth.psn != v_last_psn[23:0] + 24w1
                && hdr.loop.held < MAX_LOOP_HOLDS) {
            hdr.loop.held = hdr.loop.held + 8w1;
            again = true;
            themis_events.count(EV_TRP_LOOP_HELD);
        }
        if (again && meta.params.loop_port != LOOP_PORT_UNSET) {
            hdr.loop.loops_left = left;
            hdr.loop.passes = hdr.loop.passes + 8w1;
            standard_metadata.egress_spec = meta.params.loop_port;
            meta.stay_in_loop = 1w1;
            return;
        }

        hdr.ethernet.ether_type = hdr.loop.orig_ether_type;
        hdr.loop.setInvalid();
        if (v_in_loop != 16w0) {
            v_in_loop = v_in_loop - 16w1;
        }
        in_loop.write(slot, v_in_loop);
        if (hdr.bth.isValid()) {
            last_psn.write(slot, LAST_PSN_VALID | (bit<32>)hdr.bth.psn);
        }
        if (v_state == FLOW_STATE_RECOVER && v_in_loop == 16w0) {
            flow_state.write(slot, FLOW_STATE_NORMAL);
            themis_events.count(EV_TRP_NORMAL_RESTORED);
        }
        meta.from_loop = 1w1;
        themis_events.count(EV_TRP_LOOP_EXIT);
    }
}

// Dummy packets circulate: from the loop port straight back to it.
control Dummies(inout headers_t hdr,
                inout local_metadata_t meta,
                inout standard_metadata_t standard_metadata) {
    apply {
        if (meta.ingress_role == PORT_ROLE_LOOP && meta.params.loop_port != LOOP_PORT_UNSET) {
            standard_metadata.egress_spec = meta.params.loop_port;
            themis_events.count(EV_DUMMY_RECIRCULATED);
        } else {
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_DUMMY_FROM_WIRE);
        }
    }
}

#endif  // THEMIS_V1MODEL_TRP_P4
