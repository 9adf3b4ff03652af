/* clone, recirculate, resubmit with field lists, digest, meter, hash, random, log_msg, truncate. */
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

struct learn_t {
    bit<48> srcAddr;
    bit<9>  ingress_port;
}

struct metadata {
    @field_list(1)
    bit<32> session;
    @field_list(1, 2)
    bit<8>  pass;
    bit<2>  color;
    bit<16> flow_hash;
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
    meter(64, MeterType.packets) rate;
    direct_meter<bit<2>>(MeterType.bytes) per_src;

    action learn() {
        digest<learn_t>(1, { hdr.ethernet.srcAddr, standard_metadata.ingress_port });
    }
    action mirror(bit<32> session) {
        meta.session = session;
        clone_preserving_field_list(CloneType.I2E, session, 1);
    }
    action read_color() {
        per_src.read(meta.color);
    }
    table sources {
        key = { hdr.ethernet.srcAddr: exact; }
        actions = { read_color; learn; }
        meters = per_src;
        default_action = learn();
        support_timeout = true;
    }
    table mirrors {
        key = { hdr.ipv4.dstAddr: lpm; }
        actions = { mirror; NoAction; }
    }
    apply {
        sources.apply();
        rate.execute_meter<bit<2>>((bit<32>)standard_metadata.ingress_port, meta.color);
        if (meta.color == V1MODEL_METER_COLOR_RED) {
            mark_to_drop(standard_metadata);
            exit;
        }
        hash(meta.flow_hash, HashAlgorithm.crc16, 16w0, { hdr.ipv4.srcAddr, hdr.ipv4.dstAddr, hdr.ipv4.protocol }, 16w1024);
        if (!mirrors.apply().hit) {
            log_msg("no mirror for {}", { hdr.ipv4.dstAddr });
        }
        if (meta.pass == 0 && standard_metadata.instance_type == 0) {
            meta.pass = 1;
            resubmit_preserving_field_list(2);
        }
        standard_metadata.egress_spec = 1;
    }
}

control MyEgress(inout headers hdr, inout metadata meta, inout standard_metadata_t standard_metadata) {
    apply {
        bit<8> r;
        random(r, 0, 255);
        if (standard_metadata.instance_type == 1) {
            truncate(64);
        } else if (meta.pass < 3 && r > 128) {
            meta.pass = meta.pass + 1;
            recirculate_preserving_field_list(2);
        }
        assert(meta.pass <= 3);
    }
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
