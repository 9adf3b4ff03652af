/* Replication and the CPU port: I2E and E2E clones, multicast with egress_rid, resubmit and recirculate
   with @field_list, packet-in/packet-out with controller headers. The low byte of the Ethernet
   destination selects the operation; egress reports what it saw in an info header. */
#include <core.p4>
#include <v1model.p4>

const bit<9> CPU_PORT = 255;

@controller_header("packet_in")
header packet_in_t {
    bit<9> ingress_port;
    bit<7> pad;
}

@controller_header("packet_out")
header packet_out_t {
    bit<9> egress_port;
    bit<7> pad;
}

header info_t {
    bit<8>  instance_type;
    bit<8>  pass;
    bit<16> egress_rid;
    bit<16> egress_port;
    bit<8>  kept;
    bit<8>  lost;
}

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

struct headers_t {
    packet_in_t  packet_in;
    packet_out_t packet_out;
    info_t       info;
    ethernet_t   ethernet;
}

struct metadata_t {
    @field_list(1)
    bit<8> pass;
    @field_list(1, 2)
    bit<8> kept;
    bit<8> lost;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        transition select(standard_metadata.ingress_port, standard_metadata.instance_type) {
            (CPU_PORT, _): parse_packet_out;
            (_, 4): parse_info;
            default: parse_ethernet;
        }
    }
    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition parse_ethernet;
    }
    state parse_info {
        packet.extract(hdr.info);
        transition parse_ethernet;
    }
    state parse_ethernet {
        packet.extract(hdr.ethernet);
        transition accept;
    }
}

control VerifyChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control IngressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        bit<8> op = hdr.ethernet.dst_addr[7:0];
        if (hdr.packet_out.isValid()) {
            standard_metadata.egress_spec = hdr.packet_out.egress_port;
            hdr.packet_out.setInvalid();
            exit;
        }
        if (op == 1) {
            meta.kept = 7;
            meta.lost = 9;
            standard_metadata.egress_spec = 2;
            clone_preserving_field_list(CloneType.I2E, 10, 2);
        } else if (op == 2) {
            standard_metadata.mcast_grp = 5;
        } else if (op == 3) {
            if (standard_metadata.instance_type == 0) {
                meta.pass = meta.pass + 1;
                meta.kept = 7;
                meta.lost = 9;
                resubmit_preserving_field_list(1);
            } else {
                standard_metadata.egress_spec = 2;
            }
        } else if (op == 5) {
            standard_metadata.egress_spec = CPU_PORT;
        } else {
            standard_metadata.egress_spec = 2;
        }
    }
}

control EgressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        bit<8> op = hdr.ethernet.dst_addr[7:0];
        if (standard_metadata.egress_port == CPU_PORT) {
            hdr.packet_in.setValid();
            hdr.packet_in.ingress_port = standard_metadata.ingress_port;
            exit;
        }
        if (op == 4 && meta.pass < 2) {
            meta.pass = meta.pass + 1;
            meta.kept = 7;
            meta.lost = 9;
            recirculate_preserving_field_list(1);
        }
        if (op == 6 && standard_metadata.instance_type == 0) {
            meta.lost = 9;
            clone(CloneType.E2E, 11);
        }
        hdr.info.setValid();
        hdr.info.instance_type = (bit<8>)standard_metadata.instance_type;
        hdr.info.pass = meta.pass;
        hdr.info.egress_rid = standard_metadata.egress_rid;
        hdr.info.egress_port = (bit<16>)standard_metadata.egress_port;
        hdr.info.kept = meta.kept;
        hdr.info.lost = meta.lost;
    }
}

control ComputeChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control DeparserImpl(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.info);
        packet.emit(hdr.ethernet);
    }
}

V1Switch(ParserImpl(), VerifyChecksumImpl(), IngressImpl(), EgressImpl(), ComputeChecksumImpl(), DeparserImpl()) main;
