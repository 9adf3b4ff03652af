/* Parser conformance: select on tuples with masks, ranges and lookahead; header stacks with .next/.last;
   varbit options; verify with a program error; truncated packets. Ingress reports what the parser saw
   in a header pushed in front of the packet, then sends everything to port 2. */
#include <core.p4>
#include <v1model.p4>

error { BadVersion }

header report_t {
    bit<8> code;
    bit<8> path;
    bit<8> labels;
    bit<8> option_bytes;
}

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header tag_t {
    bit<8> kind;
    bit<8> value;
}

header mpls_t {
    bit<20> label;
    bit<3>  tc;
    bit<1>  bos;
    bit<8>  ttl;
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

header ipv4_options_t {
    varbit<256> options;
}

struct headers_t {
    report_t       report;
    ethernet_t     ethernet;
    tag_t          tag;
    mpls_t[3]      mpls;
    ipv4_t         ipv4;
    ipv4_options_t options;
}

struct metadata_t {
    bit<8> path;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type, packet.lookahead<bit<8>>()) {
            (0x0800, _): parse_ipv4;
            (0x88b5, 0x00 .. 0x0f): parse_tag_low;
            (0x88b5, 0x10 &&& 0xf0): parse_tag_masked;
            (0x8847, _): parse_mpls;
            default: accept;
        }
    }
    state parse_tag_low {
        meta.path = 2;
        packet.extract(hdr.tag);
        transition accept;
    }
    state parse_tag_masked {
        meta.path = 3;
        packet.extract(hdr.tag);
        transition accept;
    }
    state parse_mpls {
        packet.extract(hdr.mpls.next);
        transition select(hdr.mpls.last.bos) {
            0: parse_mpls;
            1: parse_ipv4;
        }
    }
    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.version == 4, error.BadVersion);
        meta.path = 1;
        transition select(hdr.ipv4.ihl) {
            5: accept;
            6 .. 15: parse_options;
            default: accept;
        }
    }
    state parse_options {
        packet.extract(hdr.options, (bit<32>)(hdr.ipv4.ihl - 5) * 32);
        transition accept;
    }
}

control VerifyChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control IngressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        hdr.report.setValid();
        hdr.report.path = meta.path;
        hdr.report.labels = (bit<8>)hdr.mpls.nextIndex;
        if (hdr.options.isValid()) {
            hdr.report.option_bytes = (bit<8>)(hdr.ipv4.ihl - 5) * 4;
        }
        if (standard_metadata.parser_error == error.NoError) {
            hdr.report.code = 0;
        } else if (standard_metadata.parser_error == error.PacketTooShort) {
            hdr.report.code = 1;
        } else if (standard_metadata.parser_error == error.NoMatch) {
            hdr.report.code = 2;
        } else if (standard_metadata.parser_error == error.StackOutOfBounds) {
            hdr.report.code = 3;
        } else if (standard_metadata.parser_error == error.HeaderTooShort) {
            hdr.report.code = 4;
        } else if (standard_metadata.parser_error == error.BadVersion) {
            hdr.report.code = 5;
        } else {
            hdr.report.code = 0xff;
        }
        standard_metadata.egress_spec = 2;
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
        packet.emit(hdr);
    }
}

V1Switch(ParserImpl(), VerifyChecksumImpl(), IngressImpl(), EgressImpl(), ComputeChecksumImpl(), DeparserImpl()) main;
