// Themis ESW: constants and types shared by every architecture.
#ifndef THEMIS_DEFINE_P4
#define THEMIS_DEFINE_P4

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------
typedef bit<48> mac_addr_t;
typedef bit<32> ipv4_addr_t;
typedef bit<9>  port_t;
typedef bit<24> qpn_t;          // IBA QPNs are 24 bits
typedef bit<24> psn_t;          // IBA PSNs are 24 bits
typedef bit<16> slot_t;         // flow slot: index of the per-flow registers
typedef bit<48> timestamp_t;    // BMv2 ingress_global_timestamp: microseconds since switch start

// ---------------------------------------------------------------------------------------------
// Ports. BMv2 is started with --cpu-port CPU_PORT (511 is BMv2's drop port and cannot be used).
// ---------------------------------------------------------------------------------------------
#ifndef CPU_PORT
#define CPU_PORT 255
#endif
const port_t CPU_PORT_ID = CPU_PORT;

// Loop port value meaning "no loop port configured": throttling is then off (511 = BMv2 drop port).
const port_t LOOP_PORT_UNSET = 511;
// Extra passes a packet back from the loop may wait for an older packet of its flow, so that the
// flow leaves the loop in PSN order. The loop is FIFO, so the older packet returns within one
// rotation and a couple of waits suffice; the bound only matters when a PSN never arrives
// (lost before the ESW), and then releases the flow instead of circling forever.
const bit<8> MAX_LOOP_HOLDS = 8;

// Role of a port, set by the port_roles table.
typedef bit<2> port_role_t;
const port_role_t PORT_ROLE_NONE = 0;
const port_role_t PORT_ROLE_DC   = 1;
const port_role_t PORT_ROLE_WAN  = 2;
const port_role_t PORT_ROLE_LOOP = 3;

// ---------------------------------------------------------------------------------------------
// Protocol numbers
// ---------------------------------------------------------------------------------------------
const bit<16> ETHERTYPE_IPV4   = 0x0800;
const bit<16> ETHERTYPE_THEMIS = 0x88B5;  // IEEE 802 local experimental EtherType 1

const bit<8> IP_PROTO_TCP = 6;
const bit<8> IP_PROTO_UDP = 17;

const bit<16> UDP_PORT_ROCEV2 = 4791;     // IANA
const bit<8>  BTH_OPCODE_CNP  = 0x81;     // RoCEv2 Annex A17.9.2

// ECN codepoints (RFC 3168)
const bit<2> ECN_NOT_ECT = 0;
const bit<2> ECN_ECT1    = 1;
const bit<2> ECN_ECT0    = 2;
const bit<2> ECN_CE      = 3;

// TCP control bits (RFC 9293)
const bit<8> TCP_FLAG_FIN = 0x01;
const bit<8> TCP_FLAG_SYN = 0x02;
const bit<8> TCP_FLAG_RST = 0x04;
const bit<8> TCP_FLAG_ACK = 0x10;

// ---------------------------------------------------------------------------------------------
// Switch-internal headers: first byte after an Ethernet header of EtherType ETHERTYPE_THEMIS.
// ---------------------------------------------------------------------------------------------
const bit<8> THEMIS_KIND_LOOP    = 1;
const bit<8> THEMIS_KIND_DUMMY   = 2;
const bit<8> THEMIS_KIND_CONTROL = 3;

// packet_in.reason
const bit<8> PUNT_REASON_NONE          = 0;
const bit<8> PUNT_REASON_DAEMON        = 1;
const bit<8> PUNT_REASON_CNP_COPY      = 2;
const bit<8> PUNT_REASON_CONTROL_REPLY = 3;

// control.op
const bit<8> CONTROL_OP_RESET_SLOT          = 1;
const bit<8> CONTROL_OP_READ_SLOT           = 2;
const bit<8> CONTROL_OP_CLEAR_CACHE         = 3;
const bit<8> CONTROL_OP_CLEAR_CACHE_IF_MATCH = 4;
const bit<8> CONTROL_OP_READ_CACHE          = 5;
const bit<8> CONTROL_OP_CLEAR_PAIR          = 6;

// control.status
const bit<8> CONTROL_STATUS_REQUEST      = 0;
const bit<8> CONTROL_STATUS_OK           = 1;
const bit<8> CONTROL_STATUS_OUT_OF_RANGE = 2;
const bit<8> CONTROL_STATUS_UNKNOWN_OP   = 3;
const bit<8> CONTROL_STATUS_NOT_MATCHED  = 4;

// TRP throttle state of a slot (Algorithm 1)
const bit<8> FLOW_STATE_NORMAL    = 0;
const bit<8> FLOW_STATE_THROTTLED = 1;
const bit<8> FLOW_STATE_RECOVER   = 2;

// Why an ingress clone was made (preserved into egress).
const bit<8> CLONE_REASON_NONE     = 0;
const bit<8> CLONE_REASON_PNP_CNP  = 1;   // egress turns the clone into a CNP
const bit<8> CLONE_REASON_CNP_COPY = 2;   // copy of a CNP for the controller

// Field list of user metadata preserved into clones (@field_list index). A literal, since it is
// used inside annotations.
#define FL_CLONE 1

// Clone session the controller points at CPU_PORT for CNP copies. CNP generation uses one session
// per DC-facing port, given by port_roles' set_dc_port(cnp_session).
const bit<32> CPU_CLONE_SESSION = 500;

// v1model instance_type values as BMv2 sets them (simple_switch PKT_INSTANCE_TYPE_*).
const bit<32> INSTANCE_TYPE_NORMAL        = 0;
const bit<32> INSTANCE_TYPE_INGRESS_CLONE = 1;

// Meter colours returned by execute_meter (v1model: 0 green, 1 yellow, 2 red).
typedef bit<2> meter_color_t;
const meter_color_t METER_COLOR_RED = 2;
const bit<32> CPU_METER_DAEMON   = 0;
const bit<32> CPU_METER_CNP_COPY = 1;

// Digest receiver id passed to digest(); P4Runtime identifies the digest by its type.
const bit<32> DIGEST_HANDSHAKE = 1;

// ---------------------------------------------------------------------------------------------
// Packet sizes the data plane writes
// ---------------------------------------------------------------------------------------------
const bit<16> CNP_IPV4_TOTAL_LEN = 60;     // IPv4 20 + UDP 8 + BTH 12 + 16 reserved + ICRC 4
const bit<16> CNP_UDP_LEN        = 40;
const bit<32> CNP_FRAME_BYTES    = 74;     // Ethernet 14 + CNP_IPV4_TOTAL_LEN
const bit<16> TCP_REPLY_IPV4_TOTAL_LEN = 40;
const bit<32> TCP_REPLY_FRAME_BYTES    = 54;
const bit<8>  GENERATED_TTL = 64;
const bit<16> SYN_ACK_WINDOW = 1024;
const bit<16> ROCE_MIN_UDP_LEN = 24;       // UDP 8 + BTH 12 + ICRC 4

// last_psn register: bit 24 set = holds a PSN.
const bit<32> LAST_PSN_VALID = 0x01000000;

// ---------------------------------------------------------------------------------------------
// Defaults of the runtime parameters (themis_params' default action until the controller sets it)
// ---------------------------------------------------------------------------------------------
const timestamp_t DEFAULT_CNP_INTERVAL_US = 50;    // DCQCN NP: at most one CNP per 50 µs per flow
const bit<16>     DEFAULT_ALPHA0          = 5;     // Algorithm 1
const timestamp_t DEFAULT_BETA_US         = 500;   // Algorithm 1
const bit<6>      DEFAULT_CNP_DSCP        = 48;
const bit<16>     DEFAULT_DAEMON_PORT     = 12345;

// ---------------------------------------------------------------------------------------------
// Indices of the themis_events counter: one per decision the data plane makes.
// ---------------------------------------------------------------------------------------------
const bit<32> EV_PACKET_OUT                = 0;
const bit<32> EV_CONTROL_OK                = 1;
const bit<32> EV_CONTROL_FAILED            = 2;
const bit<32> EV_DUMMY_RECIRCULATED        = 3;
const bit<32> EV_DAEMON_PUNTED             = 4;
const bit<32> EV_PNP_CE_SEEN               = 5;
const bit<32> EV_PNP_CE_UNREGISTERED       = 6;
const bit<32> EV_PNP_CNP_GENERATED         = 7;
const bit<32> EV_PNP_CNP_SUPPRESSED        = 8;
const bit<32> EV_PNP_CE_CLEARED            = 9;
const bit<32> EV_TRP_CNP_SEEN              = 10;
const bit<32> EV_TRP_CNP_UNREGISTERED      = 11;
const bit<32> EV_TRP_CNP_COPIED            = 12;
const bit<32> EV_TRP_LOOP_NUM_RAISED       = 13;
const bit<32> EV_TRP_CACHE_HIT             = 14;
const bit<32> EV_TRP_STORE_HIT             = 15;
const bit<32> EV_TRP_THROTTLED             = 16;
const bit<32> EV_TRP_RECOVER_ENTERED       = 17;
const bit<32> EV_TRP_RECOVER_SKIP          = 18;
const bit<32> EV_TRP_RECOVER_ONE_PASS      = 19;
const bit<32> EV_TRP_NORMAL_RESTORED       = 20;
const bit<32> EV_TRP_LOOP_PASS             = 21;
const bit<32> EV_TRP_LOOP_EXIT             = 22;
const bit<32> EV_TRP_NO_LOOP_PORT          = 23;
const bit<32> EV_HS_COOKIE_SENT            = 24;
const bit<32> EV_HS_VERIFIED               = 25;
const bit<32> EV_HS_REJECTED               = 26;
const bit<32> EV_HS_OLD_SECRET_ACCEPTED    = 27;
const bit<32> EV_HS_SYN_VERIFIED_FORWARDED = 28;
const bit<32> EV_HS_SYNACK_MARKED          = 29;
const bit<32> EV_HS_PASSIVE_MARKED         = 30;
const bit<32> EV_HS_PASSIVE_SYN_FORWARDED  = 31;
const bit<32> EV_ROUTED                    = 32;
const bit<32> EV_DROP_PARSE_TOO_SHORT      = 33;
const bit<32> EV_DROP_PARSE_IPV4_IHL       = 34;
const bit<32> EV_DROP_PARSE_IPV4_TOTAL_LEN = 35;
const bit<32> EV_DROP_PARSE_UDP_LENGTH     = 36;
const bit<32> EV_DROP_PARSE_TCP_OFFSET     = 37;
const bit<32> EV_DROP_PARSE_ROCE_TOO_SHORT = 38;
const bit<32> EV_DROP_PARSE_OTHER          = 39;
const bit<32> EV_DROP_IPV4_CHECKSUM        = 40;
const bit<32> EV_DROP_NOT_IPV4             = 41;
const bit<32> EV_DROP_NO_ROUTE             = 42;
const bit<32> EV_DROP_TTL_EXPIRED          = 43;
const bit<32> EV_DROP_TO_CONTROL_IP        = 44;
const bit<32> EV_DROP_DAEMON_NOT_DC        = 45;
const bit<32> EV_DROP_CPU_METER_DAEMON     = 46;
const bit<32> EV_DROP_CPU_METER_CNP_COPY   = 47;
const bit<32> EV_DROP_CONTROL_FROM_WIRE    = 48;
const bit<32> EV_DROP_LOOP_FROM_WIRE       = 49;
const bit<32> EV_DROP_DUMMY_FROM_WIRE      = 50;
const bit<32> EV_DROP_BAD_SLOT             = 51;
const bit<32> EV_DROP_HS_REJECTED          = 52;
const bit<32> EV_TRP_LOOP_HELD             = 53;  // a packet looped once more to keep PSN order
// next free index: 54 (NUM_EVENTS in size.p4 bounds them)

#endif  // THEMIS_DEFINE_P4
