/*
 * v1model.p4 — the v1model architecture (the P4-16 model of BMv2's simple_switch) for the
 * Themis front end.
 *
 * Written for this project from the v1model documentation and the P4-16 specification. Names,
 * parameter lists, enum members and standard_metadata_t fields and widths are those of the
 * v1model.p4 that p4c ships, so the same program compiles with `p4c --arch v1model`.
 * As in p4c, V1MODEL_VERSION selects the 2018 declarations (default) or the 2020 ones whose
 * counters, meters and registers take an index type parameter.
 */

#ifndef _V1_MODEL_P4_
#define _V1_MODEL_P4_

#ifndef V1MODEL_VERSION
#define V1MODEL_VERSION 20180101
#endif

#include <core.p4>

match_kind {
    range,    // lo <= key <= hi
    optional, // exact match or wildcard
    selector  // member of an action selector group
}

const bit<32> __v1model_version = V1MODEL_VERSION;

/* Per-packet intrinsic metadata of simple_switch. The @alias names are BMv2's own field names. */
@metadata @name("standard_metadata")
struct standard_metadata_t {
    bit<9>  ingress_port;
    bit<9>  egress_spec;   // set by ingress: output port (511 drops)
    bit<9>  egress_port;   // read-only in egress: the port the packet leaves on
    bit<32> instance_type; // normal, clone, resubmit, recirculate, replication (BMv2 codes)
    bit<32> packet_length;
    @alias("queueing_metadata.enq_timestamp")
    bit<32> enq_timestamp;  // microseconds
    @alias("queueing_metadata.enq_qdepth")
    bit<19> enq_qdepth;     // packets
    @alias("queueing_metadata.deq_timedelta")
    bit<32> deq_timedelta;  // microseconds spent in the queue
    @alias("queueing_metadata.deq_qdepth")
    bit<19> deq_qdepth;
    @alias("intrinsic_metadata.ingress_global_timestamp")
    bit<48> ingress_global_timestamp; // microseconds
    @alias("intrinsic_metadata.egress_global_timestamp")
    bit<48> egress_global_timestamp;
    @alias("intrinsic_metadata.mcast_grp")
    bit<16> mcast_grp;
    @alias("intrinsic_metadata.egress_rid")
    bit<16> egress_rid;
    bit<1>  checksum_error; // 1 when verify_checksum found a bad checksum
    error   parser_error;
    @alias("intrinsic_metadata.priority")
    bit<3>  priority;
}

enum CounterType {
    packets,
    bytes,
    packets_and_bytes
}

enum MeterType {
    packets,
    bytes
}

#if V1MODEL_VERSION >= 20200408
extern counter<I> {
    counter(bit<32> size, CounterType type);
    void count(in I index);
}
#else
extern counter {
    counter(bit<32> size, CounterType type);
    void count(in bit<32> index);
}
#endif

/* A counter attached to one table with the table property `counters = name;`. */
extern direct_counter {
    direct_counter(CounterType type);
    void count();
}

#define V1MODEL_METER_COLOR_GREEN  0
#define V1MODEL_METER_COLOR_YELLOW 1
#define V1MODEL_METER_COLOR_RED    2

#if V1MODEL_VERSION >= 20200408
extern meter<I> {
    meter(bit<32> size, MeterType type);
    void execute_meter<T>(in I index, out T result);
}
#else
extern meter {
    meter(bit<32> size, MeterType type);
    void execute_meter<T>(in bit<32> index, out T result);
}
#endif

/* A meter attached to one table with the table property `meters = name;`. */
extern direct_meter<T> {
    direct_meter(MeterType type);
    void read(out T result);
}

#if V1MODEL_VERSION >= 20200408
extern register<T, I> {
    register(bit<32> size);
    void read(out T result, in I index);
    void write(in I index, in T value);
}
#else
extern register<T> {
    register(bit<32> size);
    void read(out T result, in bit<32> index);
    void write(in bit<32> index, in T value);
}
#endif

/* Table implementation: `implementation = name;`. */
extern action_profile {
    action_profile(bit<32> size);
}

/* result = a random value in lo..hi (inclusive). */
extern void random<T>(out T result, in T lo, in T hi);

/* Sends data to the control plane; a named struct type names the digest in P4Info. */
extern void digest<T>(in bit<32> receiver, in T data);

enum HashAlgorithm {
    crc32,
    crc32_custom,
    crc16,
    crc16_custom,
    random,
    identity,
    csum16,
    xor16
}

@deprecated("Please use mark_to_drop(standard_metadata) instead.")
extern void mark_to_drop();

/* egress_spec := drop port, mcast_grp := 0. */
extern void mark_to_drop(inout standard_metadata_t standard_metadata);

/* result = base + (hash(data) % max), or base when max is 0. */
extern void hash<O, T, D, M>(out O result, in HashAlgorithm algo, in T base, in D data, in M max);

extern action_selector {
    action_selector(HashAlgorithm algorithm, bit<32> size, bit<32> outputWidth);
}

enum CloneType {
    I2E,
    E2E
}

@deprecated("Please use verify_checksum/update_checksum instead.")
extern Checksum16 {
    Checksum16();
    bit<16> get<D>(in D data);
}

/* Sets standard_metadata.checksum_error when condition holds and the checksum of data differs. */
extern void verify_checksum<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);
/* checksum := checksum of data, when condition holds. */
extern void update_checksum<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);
/* As above, over data followed by the unparsed payload. */
extern void verify_checksum_with_payload<T, O>(in bool condition, in T data, in O checksum, HashAlgorithm algo);
extern void update_checksum_with_payload<T, O>(in bool condition, in T data, inout O checksum, HashAlgorithm algo);

extern void clone(in CloneType type, in bit<32> session);

@deprecated("Please use 'resubmit_preserving_field_list' instead")
extern void resubmit<T>(in T data);
/* Resubmit at the end of ingress, keeping the user metadata fields tagged @field_list(index). */
extern void resubmit_preserving_field_list(bit<8> index);

@deprecated("Please use 'recirculate_preserving_field_list' instead")
extern void recirculate<T>(in T data);
/* Recirculate at the end of egress, keeping the user metadata fields tagged @field_list(index). */
extern void recirculate_preserving_field_list(bit<8> index);

@deprecated("Please use 'clone_preserving_field_list' instead")
extern void clone3<T>(in CloneType type, in bit<32> session, in T data);
/* Clone to session, keeping the user metadata fields tagged @field_list(index). */
extern void clone_preserving_field_list(in CloneType type, in bit<32> session, bit<8> index);

/* Emit at most length bytes of the packet. */
extern void truncate(in bit<32> length);

extern void assert(in bool check);
extern void assume(in bool check);

/* Writes msg to the switch log; "{}" in msg is replaced by the elements of data. */
extern void log_msg(string msg);
extern void log_msg<T>(string msg, in T data);

/* The architecture. H: a struct of headers, stacks or header unions; M: a struct of metadata. */
parser Parser<H, M>(packet_in b,
                    out H parsedHdr,
                    inout M meta,
                    inout standard_metadata_t standard_metadata);

control VerifyChecksum<H, M>(inout H hdr,
                             inout M meta);

@pipeline
control Ingress<H, M>(inout H hdr,
                      inout M meta,
                      inout standard_metadata_t standard_metadata);

@pipeline
control Egress<H, M>(inout H hdr,
                     inout M meta,
                     inout standard_metadata_t standard_metadata);

control ComputeChecksum<H, M>(inout H hdr,
                              inout M meta);

@deparser
control Deparser<H>(packet_out b, in H hdr);

package V1Switch<H, M>(Parser<H, M> p,
                       VerifyChecksum<H, M> vr,
                       Ingress<H, M> ig,
                       Egress<H, M> eg,
                       ComputeChecksum<H, M> ck,
                       Deparser<H> dep);

#endif /* _V1_MODEL_P4_ */
