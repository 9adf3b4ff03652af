/* Parser features: select on tuples with masks, ranges and don't-cares, varbit options, lookahead, verify, header stacks, advance, a sub-parser. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dstAddr;
    bit<48> srcAddr;
    bit<16> etherType;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<6>  dscp;
    bit<2>  ecn;
    bit<16> totalLen;
    bit<16> identification;
    bit<3>  flags;
    bit<13> fragOffset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdrChecksum;
    bit<32> srcAddr;
    bit<32> dstAddr;
}

header ipv4_options_t {
    varbit<320> options;
}

header vlan_t {
    bit<3>  pcp;
    bit<1>  dei;
    bit<12> vid;
    bit<16> etherType;
}

header probe_t {
    bit<8> kind;
    bit<8> length;
}

error {
    BadIhl,
    TooManyVlans
}

struct metadata {
    bit<8> first_byte;
}

struct headers {
    ethernet_t     ethernet;
    vlan_t[2]      vlans;
    ipv4_t         ipv4;
    ipv4_options_t ipv4_options;
    probe_t        probe;
}

parser ProbeParser(packet_in packet, out probe_t probe) {
    state start {
        packet.extract(probe);
        transition accept;
    }
}

parser MyParser(packet_in packet, out headers hdr, inout metadata meta,
                inout standard_metadata_t standard_metadata) {
    ProbeParser() probe_parser;

    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x8100 &&& 0xEFFF: parse_vlan;
            0x0800: parse_ipv4;
            0x0600 .. 0x06FF: parse_probe;
            default: accept;
        }
    }
    state parse_vlan {
        packet.extract(hdr.vlans.next);
        verify(hdr.vlans.lastIndex < 1 || hdr.vlans.last.etherType != 0x8100, error.TooManyVlans);
        transition select(hdr.vlans.last.etherType) {
            0x8100: parse_vlan;
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.ihl >= 5, error.BadIhl);
        transition select(hdr.ipv4.ihl, hdr.ipv4.protocol) {
            (5, 0xFD): parse_probe;
            (5, _): accept;
            (_, _): parse_options;
        }
    }
    state parse_options {
        packet.extract(hdr.ipv4_options, (bit<32>)(((bit<16>)hdr.ipv4.ihl - 5) * 32));
        transition select(packet.lookahead<bit<8>>()) {
            0: skip_byte;
            default: accept;
        }
    }
    state skip_byte {
        meta.first_byte = packet.lookahead<bit<8>>();
        packet.advance(8);
        transition accept;
    }
    state parse_probe {
        probe_parser.apply(packet, hdr.probe);
        transition accept;
    }
}

control MyIngress(inout headers hdr, inout metadata meta, inout standard_metadata_t standard_metadata) {
    apply {
        if (standard_metadata.parser_error != error.NoError) {
            mark_to_drop(standard_metadata);
        }
        if (hdr.vlans[0].isValid()) {
            hdr.vlans.pop_front(1);
        }
        standard_metadata.egress_spec = standard_metadata.ingress_port;
    }
}

control MyEgress(inout headers hdr, inout metadata meta, inout standard_metadata_t standard_metadata) {
    apply { }
}

control MyVerifyChecksum(inout headers hdr, inout metadata meta) {
    apply { }
}

control MyComputeChecksum(inout headers hdr, inout metadata meta) {
    apply { }
}

control MyDeparser(packet_out packet, in headers hdr) {
    apply {
        packet.emit(hdr);
    }
}

V1Switch(MyParser(), MyVerifyChecksum(), MyIngress(), MyEgress(), MyComputeChecksum(), MyDeparser()) main;
