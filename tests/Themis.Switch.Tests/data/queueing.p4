/* Traffic manager probe: frames from port 1 go to port 2; egress writes the queueing metadata into a probe header. */
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

header probe_t {
    bit<32> seq;
    bit<32> enq_qdepth;
    bit<32> deq_qdepth;
    bit<32> deq_timedelta;
    bit<48> ingress_ts;
    bit<48> egress_ts;
}

struct metadata_t { }

struct headers_t {
    ethernet_t ethernet;
    probe_t    probe;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            0x88B5: parse_probe;
            default: accept;
        }
    }
    state parse_probe {
        packet.extract(hdr.probe);
        transition accept;
    }
}

control VerifyChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control IngressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        if (standard_metadata.ingress_port == 1 && hdr.probe.isValid()) {
            standard_metadata.egress_spec = 2;
        } else {
            mark_to_drop(standard_metadata);
        }
    }
}

control EgressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        hdr.probe.enq_qdepth = (bit<32>)standard_metadata.enq_qdepth;
        hdr.probe.deq_qdepth = (bit<32>)standard_metadata.deq_qdepth;
        hdr.probe.deq_timedelta = standard_metadata.deq_timedelta;
        hdr.probe.ingress_ts = standard_metadata.ingress_global_timestamp;
        hdr.probe.egress_ts = standard_metadata.egress_global_timestamp;
    }
}

control ComputeChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control DeparserImpl(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.ethernet);
        packet.emit(hdr.probe);
    }
}

V1Switch(ParserImpl(), VerifyChecksumImpl(), IngressImpl(), EgressImpl(), ComputeChecksumImpl(), DeparserImpl()) main;
