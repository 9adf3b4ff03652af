/* Per-port packet and byte counting in registers, plus a counter and a direct counter. */
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

struct metadata {
    bit<32> packets;
    bit<32> bytes;
}

struct headers {
    ethernet_t ethernet;
    ipv4_t     ipv4;
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
        transition accept;
    }
}

control MyIngress(inout headers hdr, inout metadata meta, inout standard_metadata_t standard_metadata) {
    register<bit<32>>(512) packets_per_port;
    register<bit<32>>(512) bytes_per_port;
    @name("port_counter") counter(512, CounterType.packets_and_bytes) ports;
    direct_counter(CounterType.packets) hits;

    action set_port(bit<9> port) {
        standard_metadata.egress_spec = port;
    }

    table port_map {
        key = { standard_metadata.ingress_port: exact @name("in_port"); }
        actions = { set_port; @defaultonly NoAction; }
        counters = hits;
        size = 512;
    }

    apply {
        bit<32> index = (bit<32>)standard_metadata.ingress_port;
        packets_per_port.read(meta.packets, index);
        meta.packets = meta.packets + 1;
        packets_per_port.write(index, meta.packets);
        bytes_per_port.read(meta.bytes, index);
        bytes_per_port.write(index, meta.bytes |+| standard_metadata.packet_length);
        ports.count(index);
        port_map.apply();
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
