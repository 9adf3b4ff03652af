// Themis ESW: headers, digest and metadata. Bit layouts of the switch-internal headers are
// mirrored exactly by Themis.Packets.SwitchInternal (same field order and widths).
#ifndef THEMIS_HEADER_P4
#define THEMIS_HEADER_P4

#include "define.p4"

// Prepended to frames the switch sends to the controller (BMv2: on the CPU port; P4Runtime:
// PacketIn metadata with ids 1..7 in this order). 16 bytes.
@controller_header("packet_in")
header packet_in_header_t {
    port_t  ingress_port;
    bit<7>  _pad0;
    bit<8>  reason;        // PUNT_REASON_*
    slot_t  slot;          // CNP copy: slot of the flow
    qpn_t   local_qpn;     // CNP copy: QPN of the local receiver
    bit<32> cache_index;   // CNP copy: cnp_cache index written
    bit<32> cache_entry;   // CNP copy: value written there
}

// Prepended by the controller to frames it sends (P4Runtime PacketOut metadata). 2 bytes. The
// frame goes out of egress_port unchanged, unless it is a control packet, which is executed.
@controller_header("packet_out")
header packet_out_header_t {
    port_t egress_port;
    bit<7> _pad0;
}

// IEEE 802.3 Ethernet II
header ethernet_t {
    mac_addr_t dst_addr;
    mac_addr_t src_addr;
    bit<16>    ether_type;
}

// Between Ethernet (ETHERTYPE_THEMIS) and IPv4 of a throttled packet on the loop port. 8 bytes.
header loop_t {
    bit<8>  kind;             // THEMIS_KIND_LOOP
    bit<8>  loops_left;       // passes still to make
    slot_t  slot;             // flow slot of Algorithm 1
    bit<16> orig_ether_type;  // restored when the packet leaves the loop
    bit<8>  passes;           // passes made so far
    bit<8>  held;             // extra passes waited so as not to overtake an older packet
}

// Dummy packets that keep the loop port busy. 8 bytes after Ethernet (ETHERTYPE_THEMIS).
header dummy_t {
    bit<8>  kind;             // THEMIS_KIND_DUMMY
    bit<8>  reserved;
    bit<16> dummy_id;
    bit<32> generation;
}

// Register operations sent by the controller (BMv2's P4Runtime server cannot write registers)
// and answered by the switch in a packet-in. 48 bytes after Ethernet (ETHERTYPE_THEMIS).
header control_t {
    bit<8>      kind;                  // THEMIS_KIND_CONTROL
    bit<8>      op;                    // CONTROL_OP_*
    bit<8>      status;                // CONTROL_STATUS_*; 0 in requests
    bit<8>      reserved;
    bit<32>     request_id;            // echoed
    bit<32>     index;                 // slot, cache index or pair index
    bit<32>     expected_cache_entry;  // CLEAR_CACHE_IF_MATCH
    bit<8>      flow_state;            // READ_SLOT values from here on
    bit<8>      loop_num;
    bit<16>     alpha;
    bit<32>     cnp_num;
    timestamp_t cnp_time;
    timestamp_t last_cnp;
    bit<32>     last_psn;
    bit<16>     in_loop;
    bit<16>     reserved2;
    bit<32>     cache_entry;           // READ_CACHE / CLEAR_CACHE*: entry before the op
}

// RFC 791; DSCP/ECN split per RFC 2474 / RFC 3168.
header ipv4_t {
    bit<4>      version;
    bit<4>      ihl;
    bit<6>      dscp;
    bit<2>      ecn;
    bit<16>     total_len;
    bit<16>     identification;
    bit<3>      flags;
    bit<13>     frag_offset;
    bit<8>      ttl;
    bit<8>      protocol;
    bit<16>     hdr_checksum;
    ipv4_addr_t src_addr;
    ipv4_addr_t dst_addr;
}

// Up to 40 bytes of IPv4 options (IHL 6..15).
header ipv4_options_t {
    varbit<320> options;
}

// RFC 9293 §3.1 (options, if any, stay unparsed payload)
header tcp_t {
    bit<16> sport;
    bit<16> dport;
    bit<32> seq_no;
    bit<32> ack_no;
    bit<4>  data_offset;
    bit<4>  res;
    bit<8>  flags;
    bit<16> window;
    bit<16> checksum;
    bit<16> urgent_ptr;
}

// RFC 768
header udp_t {
    bit<16> sport;
    bit<16> dport;
    bit<16> length;
    bit<16> checksum;
}

// InfiniBand Base Transport Header (IBA vol. 1 §9.2), 12 bytes.
header bth_t {
    bit<8>  opcode;
    bit<1>  se;
    bit<1>  migreq;
    bit<2>  pad_count;
    bit<4>  tver;
    bit<16> pkey;
    bit<1>  fecn;
    bit<1>  becn;
    bit<6>  resv6;
    qpn_t   dest_qp;
    bit<1>  ack_req;
    bit<7>  resv7;
    psn_t   psn;
}

// What follows the BTH of a CNP the switch generates: 16 reserved bytes and the ICRC (Annex A17).
header cnp_tail_t {
    bit<128> reserved;
    bit<32>  icrc;          // wire order: least significant byte of the CRC first
}

struct headers_t {
    packet_in_header_t  packet_in;
    packet_out_header_t packet_out;
    ethernet_t          ethernet;
    loop_t              loop;
    dummy_t             dummy;
    control_t           ctrl;
    ipv4_t              ipv4;
    ipv4_options_t      ipv4_options;
    tcp_t               tcp;
    udp_t               udp;
    bth_t               bth;
    cnp_tail_t          cnp_tail;
}

// Sent when a host pair proves a TCP handshake across the ESW; the controller learns inter-DC pairs.
struct handshake_digest_t {
    ipv4_addr_t local_ip;     // the DC-side host
    ipv4_addr_t remote_ip;    // the WAN-side host
    bit<32>     pair_index;   // verified_pairs index (CONTROL_OP_CLEAR_PAIR forgets the pair)
}

// Runtime parameters: themis_params' default action (BMv2 cannot write registers over P4Runtime).
struct themis_params_t {
    timestamp_t cnp_interval;       // PNP: minimum µs between CNPs of one flow
    bit<16>     alpha0;             // Algorithm 1 initial alpha
    timestamp_t beta;               // Algorithm 1: µs without CNP before recovery
    bit<6>      cnp_dscp;           // DSCP of generated CNPs
    mac_addr_t  switch_mac;         // source MAC of routed and generated packets
    ipv4_addr_t control_ip;         // daemon packets go to this IP (0 = no punts)
    bit<16>     daemon_port;        // ... and this UDP port
    port_t      loop_port;          // where throttled packets and dummies are sent
    bit<1>      direct_recovery;    // 1: leave throttling at once (receivers accept reordering)
    bit<1>      passive_handshake;  // 1: observe handshakes instead of answering with cookies
}

struct local_metadata_t {
    themis_params_t params;
    port_role_t     ingress_role;
    bit<32>         cnp_session;     // clone session of the ingress DC port
    mac_addr_t      orig_src_mac;    // Ethernet source as received
    bit<1>          routed;
    bit<1>          to_wan;          // the route points at the WAN
    bit<1>          is_roce_data;
    bit<1>          is_cnp;
    bit<1>          qp_hit;          // qp_field matched
    qpn_t           local_qpn;
    slot_t          slot;
    bit<1>          from_loop;       // left the loop in this pass: just route it
    bit<1>          stay_in_loop;    // sent back to the loop port in this pass
    bit<1>          to_loop;         // entered the loop in this pass
    bit<1>          tcp_reply;       // SYN-ACK or RST generated: egress truncates, checksum updated
    meter_color_t   meter_color;

    // Preserved into ingress clones (BMv2 copies them at the end of ingress).
    @field_list(FL_CLONE) bit<8>      clone_reason;
    @field_list(FL_CLONE) bit<8>      punt_reason;
    @field_list(FL_CLONE) port_t      punt_ingress_port;
    @field_list(FL_CLONE) slot_t      punt_slot;
    @field_list(FL_CLONE) qpn_t       punt_local_qpn;
    @field_list(FL_CLONE) bit<32>     punt_cache_index;
    @field_list(FL_CLONE) bit<32>     punt_cache_entry;
    @field_list(FL_CLONE) qpn_t       cnp_dest_qp;
    @field_list(FL_CLONE) mac_addr_t  cnp_dst_mac;
    @field_list(FL_CLONE) mac_addr_t  cnp_src_mac;
    @field_list(FL_CLONE) bit<6>      cnp_dscp;
}

#endif  // THEMIS_HEADER_P4
