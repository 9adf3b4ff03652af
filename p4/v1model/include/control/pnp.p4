// Themis ESW (v1model): flow lookup and the Proactive Notification Point.
// A CE-marked data packet of a registered inter-DC flow leaving the DC is cloned; egress turns the
// clone into a CNP to the local sender's QP (at most one per cnp_interval per flow), and the
// original leaves with CE cleared so the remote receiver does not notify for the same mark.
#ifndef THEMIS_V1MODEL_PNP_P4
#define THEMIS_V1MODEL_PNP_P4

// qp_field: (local IP, remote IP, remote QPN) -> (local QPN, slot), installed by the controller
// from daemon reports. Used by PNP (data from the DC) and TRP (CNPs from the DC).
control FlowLookup(inout headers_t hdr, inout local_metadata_t meta) {

    @name(".qp_field_counter")
    direct_counter(CounterType.packets_and_bytes) qp_field_counter;

    @name(".set_qp_field")
    action set_qp_field(qpn_t local_qpn, slot_t slot) {
        meta.qp_hit = 1w1;
        meta.local_qpn = local_qpn;
        meta.slot = slot;
    }

    @name(".qp_field_miss")
    action qp_field_miss() {
        meta.qp_hit = 1w0;
    }

    @name(".qp_field")
    table qp_field {
        key = {
            hdr.ipv4.src_addr: exact @name("ipv4_src");
            hdr.ipv4.dst_addr: exact @name("ipv4_dst");
            hdr.bth.dest_qp: exact @name("dest_qp");
        }
        actions = {
            set_qp_field;
            @defaultonly qp_field_miss;
        }
        const default_action = qp_field_miss();
        counters = qp_field_counter;
        size = MAX_FLOWS;
    }

    apply {
        qp_field.apply();
    }
}

control Pnp(inout headers_t hdr,
            inout local_metadata_t meta,
            inout standard_metadata_t standard_metadata) {
    apply {
        if (hdr.ipv4.ecn != ECN_CE) {
            return;
        }
        themis_events.count(EV_PNP_CE_SEEN);
        if (meta.qp_hit == 1w0) {
            // Not ours to answer: the remote receiver sends the CNP as usual.
            themis_events.count(EV_PNP_CE_UNREGISTERED);
            return;
        }
        bit<32> slot = (bit<32>)meta.slot;
        if (slot >= MAX_FLOWS) {
            themis_events.count(EV_DROP_BAD_SLOT);
            return;
        }

        timestamp_t now = standard_metadata.ingress_global_timestamp;
        timestamp_t last;
        last_cnp.read(last, slot);
        if (last == 0 || now - last >= meta.params.cnp_interval) {
            last_cnp.write(slot, now);
            meta.clone_reason = CLONE_REASON_PNP_CNP;
            meta.cnp_dest_qp = meta.local_qpn;
            meta.cnp_dst_mac = meta.orig_src_mac;
            meta.cnp_src_mac = meta.params.switch_mac;
            meta.cnp_dscp = meta.params.cnp_dscp;
            // The session of the ingress DC port sends the CNP back the way the data came.
            clone_preserving_field_list(CloneType.I2E, meta.cnp_session, FL_CLONE);
            themis_events.count(EV_PNP_CNP_GENERATED);
        } else {
            themis_events.count(EV_PNP_CNP_SUPPRESSED);
        }
        hdr.ipv4.ecn = ECN_ECT0;
        themis_events.count(EV_PNP_CE_CLEARED);
    }
}

// Egress, for the PNP clone: rewrite the data packet into a RoCEv2 CNP (Annex A17.9.2) addressed
// from the data packet's destination to its source, with valid IPv4 checksum (checksum.p4) and
// ICRC (here), and cut it to CNP_FRAME_BYTES.
control CnpRewrite(inout headers_t hdr,
                   inout local_metadata_t meta,
                   inout standard_metadata_t standard_metadata) {
    apply {
        ipv4_addr_t data_src = hdr.ipv4.src_addr;
        hdr.ethernet.dst_addr = meta.cnp_dst_mac;
        hdr.ethernet.src_addr = meta.cnp_src_mac;
        hdr.ethernet.ether_type = ETHERTYPE_IPV4;
        hdr.loop.setInvalid();
        hdr.dummy.setInvalid();
        hdr.ctrl.setInvalid();
        hdr.tcp.setInvalid();
        hdr.ipv4_options.setInvalid();

        hdr.ipv4.version = 4w4;
        hdr.ipv4.ihl = 4w5;
        hdr.ipv4.dscp = meta.cnp_dscp;
        hdr.ipv4.ecn = ECN_NOT_ECT;
        hdr.ipv4.total_len = CNP_IPV4_TOTAL_LEN;
        hdr.ipv4.identification = 16w0;
        hdr.ipv4.flags = 3w0b010;
        hdr.ipv4.frag_offset = 13w0;
        hdr.ipv4.ttl = GENERATED_TTL;
        hdr.ipv4.protocol = IP_PROTO_UDP;
        hdr.ipv4.src_addr = hdr.ipv4.dst_addr;
        hdr.ipv4.dst_addr = data_src;

        // The UDP source port (flow entropy) is kept; RoCEv2 sends UDP checksum 0.
        hdr.udp.dport = UDP_PORT_ROCEV2;
        hdr.udp.length = CNP_UDP_LEN;
        hdr.udp.checksum = 16w0;

        hdr.bth.opcode = BTH_OPCODE_CNP;
        hdr.bth.se = 1w0;
        hdr.bth.migreq = 1w0;
        hdr.bth.pad_count = 2w0;
        hdr.bth.tver = 4w0;
        hdr.bth.fecn = 1w0;
        hdr.bth.becn = 1w1;
        hdr.bth.resv6 = 6w0;
        hdr.bth.dest_qp = meta.cnp_dest_qp;
        hdr.bth.ack_req = 1w0;
        hdr.bth.resv7 = 7w0;
        hdr.bth.psn = 24w0;

        hdr.cnp_tail.setValid();
        hdr.cnp_tail.reserved = 128w0;

        // ICRC (Annex A17.3.3): CRC-32 over 8 bytes of ones for the LRH, then IPv4/UDP/BTH with
        // TOS, TTL, IPv4 checksum, UDP checksum and BTH byte 4 (FECN, BECN, resv6) all ones, then
        // the 16 reserved bytes. BMv2's crc32 is the reflected IEEE CRC-32 with init and final XOR
        // 0xFFFFFFFF over the fields packed MSB first, i.e. exactly this CRC.
        bit<32> crc;
        hash(crc, HashAlgorithm.crc32, 32w0,
             { 64w0xFFFFFFFFFFFFFFFF,
               hdr.ipv4.version, hdr.ipv4.ihl, 8w0xFF, hdr.ipv4.total_len, hdr.ipv4.identification,
               hdr.ipv4.flags, hdr.ipv4.frag_offset, 8w0xFF, hdr.ipv4.protocol, 16w0xFFFF,
               hdr.ipv4.src_addr, hdr.ipv4.dst_addr,
               hdr.udp.sport, hdr.udp.dport, hdr.udp.length, 16w0xFFFF,
               hdr.bth.opcode, hdr.bth.se, hdr.bth.migreq, hdr.bth.pad_count, hdr.bth.tver, hdr.bth.pkey,
               8w0xFF, hdr.bth.dest_qp, hdr.bth.ack_req, hdr.bth.resv7, hdr.bth.psn,
               hdr.cnp_tail.reserved },
             64w0x100000000);
        // The CRC goes on the wire least significant byte first.
        hdr.cnp_tail.icrc = crc[7:0] ++ crc[15:8] ++ crc[23:16] ++ crc[31:24];

        // bm_sim Packet::truncate: the frame leaving egress is cut to this many bytes, which drops
        // the data payload after the headers emitted above.
        truncate(CNP_FRAME_BYTES);
    }
}

#endif  // THEMIS_V1MODEL_PNP_P4
