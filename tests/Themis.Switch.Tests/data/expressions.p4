/* Expression semantics: wrap-around, saturating and signed arithmetic, shifts, slices, concatenation,
   casts, comparisons, the conditional operator, functions with return, switch with fall-through,
   enums, slice assignment, and exit. Operands come in an "in" header; results go out in "out". */
#include <core.p4>
#include <v1model.p4>

enum Mode { Plain, Fancy }

header in_t {
    bit<8> a;
    bit<8> b;
    int<8> c;
    bit<8> op;
}

header out_t {
    bit<8>  add;
    bit<8>  sub;
    bit<8>  mul;
    bit<8>  sat_add;
    bit<8>  sat_sub;
    int<8>  signed_sat;
    int<8>  signed_shr;
    bit<8>  shl;
    bit<4>  high_nibble;
    bit<4>  pad;
    bit<8>  concat;
    bit<16> sign_extended;
    bit<8>  negative;
    bit<8>  larger;
    bit<8>  switched;
    bit<8>  mode;
    bit<16> slice_assigned;
    bit<8>  complement;
    bit<8>  div_mod;
}

struct headers_t {
    in_t  in_h;
    out_t out_h;
}

struct metadata_t { }

bit<8> larger_of(in bit<8> x, in bit<8> y) {
    if (x > y) {
        return x;
    }
    return y;
}

parser ParserImpl(packet_in packet, out headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    state start {
        packet.extract(hdr.in_h);
        transition accept;
    }
}

control VerifyChecksumImpl(inout headers_t hdr, inout metadata_t meta) {
    apply { }
}

control IngressImpl(inout headers_t hdr, inout metadata_t meta, inout standard_metadata_t standard_metadata) {
    apply {
        standard_metadata.egress_spec = 2;
        if (hdr.in_h.op == 0xff) {
            mark_to_drop(standard_metadata);
            exit;
        }
        hdr.out_h.setValid();
        hdr.out_h.add = hdr.in_h.a + hdr.in_h.b;
        hdr.out_h.sub = hdr.in_h.a - hdr.in_h.b;
        hdr.out_h.mul = hdr.in_h.a * hdr.in_h.b;
        hdr.out_h.sat_add = hdr.in_h.a |+| hdr.in_h.b;
        hdr.out_h.sat_sub = hdr.in_h.a |-| hdr.in_h.b;
        hdr.out_h.signed_sat = hdr.in_h.c |+| 8s100;
        hdr.out_h.signed_shr = hdr.in_h.c >> 2;
        hdr.out_h.shl = hdr.in_h.a << 3;
        hdr.out_h.high_nibble = hdr.in_h.a[7:4];
        hdr.out_h.concat = hdr.in_h.a[3:0] ++ hdr.in_h.b[3:0];
        hdr.out_h.sign_extended = (bit<16>)(int<16>)hdr.in_h.c;
        hdr.out_h.negative = hdr.in_h.c < 0 ? 8w1 : 8w0;
        hdr.out_h.larger = larger_of(hdr.in_h.a, hdr.in_h.b);
        switch (hdr.in_h.op) {
            1: { hdr.out_h.switched = 10; }
            2:
            3: { hdr.out_h.switched = 20; }
            default: { hdr.out_h.switched = 30; }
        }
        Mode m = hdr.in_h.op == 1 ? Mode.Fancy : Mode.Plain;
        if (m == Mode.Fancy) {
            hdr.out_h.mode = 1;
        }
        hdr.out_h.slice_assigned = 16w0xffff;
        hdr.out_h.slice_assigned[11:4] = hdr.in_h.b;
        hdr.out_h.complement = ~hdr.in_h.a;
        hdr.out_h.div_mod = (hdr.in_h.a / 7) + (hdr.in_h.a % 7);
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
        packet.emit(hdr.out_h);
        packet.emit(hdr.in_h);
    }
}

V1Switch(ParserImpl(), VerifyChecksumImpl(), IngressImpl(), EgressImpl(), ComputeChecksumImpl(), DeparserImpl()) main;
