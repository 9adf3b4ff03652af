/* Tables and externs: ternary/range/exact keys with priorities and a direct counter, a register that
   counts packets per port, a packet meter, hashes over a 72-bit field, truncate, and a digest from a
   table's default action. Ingress writes what it computed into a result header in front of the packet. */
#include <core.p4>
#include <v1model.p4>

header result_t {
    bit<8>  acl_class;
    bit<8>  color;
    bit<32> count;
    bit<32> crc32;
    bit<16> crc16;
    bit<16> csum16;
    bit<16> xor16;
    bit<64> identity;
    bit<16> offset_hash;
    bit<32> wide_low;
}

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header ipv4_t {
    bit<4>  version;
    bit<4>  ihl;
    bit<8>  diffserv;
    bit<16> total_len;
    bit<16> identification;
    bit<3>  flags;
    bit<13> frag_offset;
    bit<8>  ttl;
    bit<8>  protocol;
    bit<16> hdr_checksum;
    bit<32> src_addr;
    bit<32> dst_addr;
}

header udp_t {
    bit<16> src_port;
    bit<16> dst_port;
    bit<16> length;
    bit<16> checksum;
}

header check_t {
    bit<72> text;
}

struct learn_t {
    bit<48> src_addr;
    bit<9>  ingress_port;
}

struct headers_t {
    result_t   result;
    ethernet_t ethernet;
    ipv4_t     ipv4;
    udp_t      udp;
    check_t    check;
}

struct metadata_t {
    bit<72> text_copy;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        packet.extract(hdr.ipv4);
        packet.extract(hdr.udp);
        packet.extract(hdr.check);
        transition accept;
    }
}

control VerifyChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control IngressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    register<bit<32>>(512) packet_counts;
    meter(4, MeterType.packets) limiter;
    direct_counter(CounterType.packets_and_bytes) acl_hits;

    action set_class(bit<8> acl_class) {
        hdr.result.acl_class = acl_class;
    }

    action deny() {
        mark_to_drop(standard_metadata);
    }

    table acl {
        key = {
            hdr.ipv4.src_addr: ternary @name("ipv4_src");
            hdr.udp.dst_port: range @name("l4_dport");
            hdr.ipv4.protocol: exact @name("ip_proto");
        }
        actions = { set_class; deny; }
        counters = acl_hits;
        default_action = set_class(0);
    }

    action learn() {
        digest<learn_t>(1, { hdr.ethernet.src_addr, standard_metadata.ingress_port });
    }

    table learned_sources {
        key = { hdr.ethernet.src_addr: exact; }
        actions = { learn; NoAction; }
        default_action = learn();
    }

    apply {
        hdr.result.setValid();
        standard_metadata.egress_spec = 2;
        acl.apply();
        learned_sources.apply();

        bit<32> n;
        packet_counts.read(n, (bit<32>)standard_metadata.ingress_port);
        n = n + 1;
        packet_counts.write((bit<32>)standard_metadata.ingress_port, n);
        hdr.result.count = n;

        bit<2> color;
        limiter.execute_meter((bit<32>)0, color);
        hdr.result.color = (bit<8>)color;

        hash(hdr.result.crc32, HashAlgorithm.crc32, (bit<32>)0, { hdr.check.text }, (bit<64>)0x100000000);
        hash(hdr.result.crc16, HashAlgorithm.crc16, (bit<16>)0, { hdr.check.text }, (bit<32>)0x10000);
        hash(hdr.result.csum16, HashAlgorithm.csum16, (bit<16>)0, { hdr.check.text }, (bit<32>)0x10000);
        hash(hdr.result.xor16, HashAlgorithm.xor16, (bit<16>)0, { hdr.check.text }, (bit<32>)0x10000);
        hash(hdr.result.identity, HashAlgorithm.identity, (bit<64>)0, { hdr.check.text }, (bit<72>)0x10000000000000000);
        hash(hdr.result.offset_hash, HashAlgorithm.crc16, (bit<16>)100, { hdr.check.text }, (bit<16>)50);

        meta.text_copy = hdr.check.text + 1;
        hdr.result.wide_low = meta.text_copy[31:0];

        if (hdr.udp.dst_port == 9) {
            truncate(20);
        }
    }
}

control EgressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply { }
}

control ComputeChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control DeparserImpl(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.result);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.udp);
        packet.emit(hdr.check);
    }
}

V1Switch(ParserImpl(), VerifyChecksumImpl(), IngressImpl(), EgressImpl(), ComputeChecksumImpl(), DeparserImpl()) main;
