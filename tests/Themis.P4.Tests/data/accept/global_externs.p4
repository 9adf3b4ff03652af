// Extern objects instantiated at the top level and shared by ingress and egress: p4c lists them
// in the P4Info under their declared names (no control prefix).
#include <core.p4>
#include <v1model.p4>

header ethernet_t {
    bit<48> dst_addr;
    bit<48> src_addr;
    bit<16> ether_type;
}

struct headers_t { ethernet_t ethernet; }
struct metadata_t { bit<32> seen; }

register<bit<32>>(64) packets_per_port;
counter(512, CounterType.packets_and_bytes) port_bytes;
meter(8, MeterType.bytes) port_meter;

parser EParser(packet_in pkt, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    state start {
        pkt.extract(hdr.ethernet);
        transition accept;
    }
}

control EVerify(inout headers_t hdr, inout metadata_t meta) { apply { } }

control EIngress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    apply {
        packets_per_port.read(meta.seen, (bit<32>)std.ingress_port);
        packets_per_port.write((bit<32>)std.ingress_port, meta.seen + 1);
        port_bytes.count((bit<32>)std.ingress_port);
        std.egress_spec = 2;
    }
}

control EEgress(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t std) {
    apply {
        bit<2> color;
        port_meter.execute_meter((bit<32>)std.egress_port[2:0], color);
        if (color == 2) {
            mark_to_drop(std);
        }
    }
}

control ECompute(inout headers_t hdr, inout metadata_t meta) { apply { } }

control EDeparser(packet_out pkt, in headers_t hdr) {
    apply { pkt.emit(hdr.ethernet); }
}

V1Switch(EParser(), EVerify(), EIngress(), EEgress(), ECompute(), EDeparser()) main;
