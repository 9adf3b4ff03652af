/* const entries with exact, ternary, lpm and range keys, priorities, and switch on action_run. */
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

header tcp_t {
    bit<16> srcPort;
    bit<16> dstPort;
    bit<32> seqNo;
    bit<32> ackNo;
    bit<4>  dataOffset;
    bit<4>  res;
    bit<8>  flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgentPtr;
}

enum bit<8> Verdict {
    ALLOW = 1,
    DENY = 2
}

struct metadata {
    Verdict verdict;
    bit<16> l4_dst;
}

struct headers {
    ethernet_t ethernet;
    ipv4_t     ipv4;
    tcp_t      tcp;
}

parser MyParser(packet_in packet, out headers hdr, inout metadata meta,
                inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.etherType) {
            0x0800: parse_ipv4;
            default: accept;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        transition select(hdr.ipv4.protocol) {
            6: parse_tcp;
            default: accept;
        }
    }
    state parse_tcp {
        packet.extract(hdr.tcp);
        meta.l4_dst = hdr.tcp.dstPort;
        transition accept;
    }
}

control MyIngress(inout headers hdr, inout metadata meta, inout standard_metadata_t standard_metadata) {
    action allow() {
        meta.verdict = Verdict.ALLOW;
    }
    action deny() {
        meta.verdict = Verdict.DENY;
        mark_to_drop(standard_metadata);
    }
    action set_port(bit<9> port) {
        standard_metadata.egress_spec = port;
    }
    table acl {
        key = {
            hdr.ipv4.srcAddr: ternary;
            hdr.ipv4.dstAddr: lpm;
            meta.l4_dst: range;
            hdr.ipv4.protocol: exact;
        }
        actions = { allow; deny; }
        const default_action = deny();
        const entries = {
            (0x0A000000 &&& 0xFF000000, 0x0A000000 &&& 0xFF000000, 0 .. 1023, 6): allow();
            priority = 10: (_, 0xC0A80000 &&& 0xFFFF0000, 80 .. 80, 6): allow();
            (_, _, _, 17): deny();
        }
    }
    table ports {
        key = { meta.verdict: exact; hdr.ipv4.isValid(): exact; }
        actions = { set_port; @defaultonly NoAction; }
        const entries = {
            (Verdict.ALLOW, true): set_port(1);
        }
    }
    apply {
        switch (acl.apply().action_run) {
            allow: {
                ports.apply();
            }
            deny: { }
        }
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
