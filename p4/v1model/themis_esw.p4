// Themis ESW for v1model (BMv2 simple_switch_grpc and the Themis embedded switch).
// Compile: p4c --target bmv2 --arch v1model -I p4/include p4/v1model/themis_esw.p4
// (the includes are also found relative to this file). Pipeline: see docs/esw-pipeline.md.

#include <core.p4>
#include <v1model.p4>

#include "../include/define.p4"
#include "../include/size.p4"
#include "../include/header.p4"
#include "include/state.p4"
#include "include/parser.p4"
#include "include/checksum.p4"
#include "include/control/params.p4"
#include "include/control/forwarding.p4"
#include "include/control/punt.p4"
#include "include/control/handshake.p4"
#include "include/control/pnp.p4"
#include "include/control/trp.p4"
#include "include/control/control_packet.p4"

control ThemisIngress(inout headers_t hdr,
                      inout local_metadata_t meta,
                      inout standard_metadata_t standard_metadata) {

    Params() params;
    PortRoles() port_roles;
    ControlPacket() control_packet;
    Dummies() dummies;
    LoopReturn() loop_return;
    DaemonPunt() daemon_punt;
    TrpData() trp_data;
    Forwarding() forwarding;
    Handshake() handshake;
    FlowLookup() flow_lookup;
    Pnp() pnp;
    TrpCnp() trp_cnp;

    apply {
        params.apply(meta);

        // Malformed packets: dropped and counted by what was wrong.
        if (standard_metadata.parser_error != error.NoError) {
            mark_to_drop(standard_metadata);
            if (standard_metadata.parser_error == error.PacketTooShort) {
                themis_events.count(EV_DROP_PARSE_TOO_SHORT);
            } else if (standard_metadata.parser_error == error.Ipv4IhlTooSmall) {
                themis_events.count(EV_DROP_PARSE_IPV4_IHL);
            } else if (standard_metadata.parser_error == error.Ipv4TotalLengthTooSmall) {
                themis_events.count(EV_DROP_PARSE_IPV4_TOTAL_LEN);
            } else if (standard_metadata.parser_error == error.UdpLengthInvalid) {
                themis_events.count(EV_DROP_PARSE_UDP_LENGTH);
            } else if (standard_metadata.parser_error == error.TcpDataOffsetTooSmall) {
                themis_events.count(EV_DROP_PARSE_TCP_OFFSET);
            } else if (standard_metadata.parser_error == error.RoceTooShort) {
                themis_events.count(EV_DROP_PARSE_ROCE_TOO_SHORT);
            } else {
                themis_events.count(EV_DROP_PARSE_OTHER);
            }
            return;
        }

        // From the controller: execute or transmit, nothing else (its frames may carry any checksum).
        if (hdr.packet_out.isValid()) {
            control_packet.apply(hdr, meta, standard_metadata);
            return;
        }
        if (standard_metadata.checksum_error == 1w1) {
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_IPV4_CHECKSUM);
            return;
        }

        port_roles.apply(meta, standard_metadata);
        meta.orig_src_mac = hdr.ethernet.src_addr;
        // Switch-internal headers are honoured only where they belong.
        if (hdr.ctrl.isValid()) {
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_CONTROL_FROM_WIRE);
            return;
        }
        if (hdr.dummy.isValid()) {
            dummies.apply(hdr, meta, standard_metadata);
            return;
        }
        if (hdr.loop.isValid()) {
            if (meta.ingress_role != PORT_ROLE_LOOP) {
                mark_to_drop(standard_metadata);
                themis_events.count(EV_DROP_LOOP_FROM_WIRE);
                return;
            }
            loop_return.apply(hdr, meta, standard_metadata);
            if (meta.stay_in_loop == 1w1) {
                return;
            }
        }

        if (!hdr.ipv4.isValid()) {
            // The ESW routes IPv4 only (neighbours are configured statically).
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_NOT_IPV4);
            return;
        }
        if (meta.params.control_ip != 32w0 && hdr.ipv4.dst_addr == meta.params.control_ip) {
            daemon_punt.apply(hdr, meta, standard_metadata);
            return;
        }

        if (hdr.bth.isValid()) {
            if (hdr.bth.opcode == BTH_OPCODE_CNP) {
                meta.is_cnp = 1w1;
            } else if ((hdr.bth.opcode[7:5] == 3w0 || hdr.bth.opcode[7:5] == 3w1 || hdr.bth.opcode[7:5] == 3w3)
                       && (hdr.bth.opcode[4:0] <= 5w0x0B
                           || (hdr.bth.opcode[4:0] >= 5w0x0D && hdr.bth.opcode[4:0] <= 5w0x10))) {
                // RC/UC/UD SEND, RDMA WRITE and RDMA READ response (Themis.Packets BthOpcodes.IsData).
                meta.is_roce_data = 1w1;
            }
        }

        // TRP, data side: may send the packet into the loop instead of routing it now.
        if (meta.from_loop == 1w0 && meta.ingress_role == PORT_ROLE_WAN && meta.is_roce_data == 1w1) {
            trp_data.apply(hdr, meta, standard_metadata);
            if (meta.to_loop == 1w1) {
                return;
            }
        }

        forwarding.apply(hdr, meta, standard_metadata);
        if (meta.routed == 1w0 || meta.from_loop == 1w1) {
            return;
        }

        if (hdr.tcp.isValid()) {
            handshake.apply(hdr, meta, standard_metadata);
        } else if (meta.ingress_role == PORT_ROLE_DC && meta.to_wan == 1w1
                   && (meta.is_roce_data == 1w1 || meta.is_cnp == 1w1)) {
            flow_lookup.apply(hdr, meta);
            if (meta.is_roce_data == 1w1) {
                pnp.apply(hdr, meta, standard_metadata);
            } else {
                trp_cnp.apply(hdr, meta, standard_metadata);
            }
        }
    }
}

control ThemisEgress(inout headers_t hdr,
                     inout local_metadata_t meta,
                     inout standard_metadata_t standard_metadata) {

    PacketIn() packet_in_header;
    CnpRewrite() cnp_rewrite;

    apply {
        if (standard_metadata.egress_port == CPU_PORT_ID) {
            packet_in_header.apply(hdr, meta);
        } else if (standard_metadata.instance_type == INSTANCE_TYPE_INGRESS_CLONE
                   && meta.clone_reason == CLONE_REASON_PNP_CNP) {
            cnp_rewrite.apply(hdr, meta, standard_metadata);
        } else if (meta.tcp_reply == 1w1) {
            // SYN-ACK / RST: drop the SYN's options and any payload.
            truncate(TCP_REPLY_FRAME_BYTES);
        }
    }
}

V1Switch(ThemisParser(),
         ThemisVerifyChecksum(),
         ThemisIngress(),
         ThemisEgress(),
         ThemisComputeChecksum(),
         ThemisDeparser()) main;
