// Themis ESW (v1model): parser and deparser.
#ifndef THEMIS_V1MODEL_PARSER_P4
#define THEMIS_V1MODEL_PARSER_P4

// Parser errors of this program; v1model hands them to ingress in standard_metadata.parser_error,
// where the packet is dropped and counted by reason.
error {
    Ipv4IhlTooSmall,
    Ipv4TotalLengthTooSmall,
    UdpLengthInvalid,
    TcpDataOffsetTooSmall,
    RoceTooShort
}

parser ThemisParser(packet_in packet,
                    out headers_t hdr,
                    inout local_metadata_t meta,
                    inout standard_metadata_t standard_metadata) {

    state start {
        transition select(standard_metadata.ingress_port) {
            CPU_PORT: parse_packet_out;
            default: parse_ethernet;
        }
    }

    state parse_packet_out {
        packet.extract(hdr.packet_out);
        transition parse_ethernet;
    }

    state parse_ethernet {
        packet.extract(hdr.ethernet);
        transition select(hdr.ethernet.ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            ETHERTYPE_THEMIS: parse_themis;
            default: accept;
        }
    }

    // Which switch-internal header follows is in its first byte.
    state parse_themis {
        transition select(packet.lookahead<bit<8>>()) {
            THEMIS_KIND_LOOP: parse_loop;
            THEMIS_KIND_DUMMY: parse_dummy;
            THEMIS_KIND_CONTROL: parse_control;
            default: accept;
        }
    }

    state parse_loop {
        packet.extract(hdr.loop);
        transition select(hdr.loop.orig_ether_type) {
            ETHERTYPE_IPV4: parse_ipv4;
            default: accept;
        }
    }

    state parse_dummy {
        packet.extract(hdr.dummy);
        transition accept;
    }

    state parse_control {
        packet.extract(hdr.ctrl);
        transition accept;
    }

    state parse_ipv4 {
        packet.extract(hdr.ipv4);
        verify(hdr.ipv4.ihl >= 4w5, error.Ipv4IhlTooSmall);
        verify(hdr.ipv4.total_len >= (((bit<16>)hdr.ipv4.ihl) << 2), error.Ipv4TotalLengthTooSmall);
        transition select(hdr.ipv4.ihl) {
            4w5: parse_ipv4_payload;
            default: parse_ipv4_options;
        }
    }

    state parse_ipv4_options {
        packet.extract(hdr.ipv4_options, (((bit<32>)hdr.ipv4.ihl) - 32w5) << 5);
        transition parse_ipv4_payload;
    }

    // Only first fragments carry the transport header.
    state parse_ipv4_payload {
        transition select(hdr.ipv4.frag_offset, hdr.ipv4.protocol) {
            (13w0, IP_PROTO_TCP): parse_tcp;
            (13w0, IP_PROTO_UDP): parse_udp;
            default: accept;
        }
    }

    state parse_tcp {
        packet.extract(hdr.tcp);
        verify(hdr.tcp.data_offset >= 4w5, error.TcpDataOffsetTooSmall);
        transition accept;
    }

    state parse_udp {
        packet.extract(hdr.udp);
        verify(hdr.udp.length >= 16w8, error.UdpLengthInvalid);
        verify(hdr.udp.length <= hdr.ipv4.total_len - (((bit<16>)hdr.ipv4.ihl) << 2), error.UdpLengthInvalid);
        transition select(hdr.udp.dport) {
            UDP_PORT_ROCEV2: parse_bth;
            default: accept;
        }
    }

    state parse_bth {
        verify(hdr.udp.length >= ROCE_MIN_UDP_LEN, error.RoceTooShort);
        packet.extract(hdr.bth);
        transition accept;
    }
}

control ThemisDeparser(packet_out packet, in headers_t hdr) {
    apply {
        packet.emit(hdr.packet_in);
        packet.emit(hdr.ethernet);
        packet.emit(hdr.loop);
        packet.emit(hdr.dummy);
        packet.emit(hdr.ctrl);
        packet.emit(hdr.ipv4);
        packet.emit(hdr.ipv4_options);
        packet.emit(hdr.tcp);
        packet.emit(hdr.udp);
        packet.emit(hdr.bth);
        packet.emit(hdr.cnp_tail);
    }
}

#endif  // THEMIS_V1MODEL_PARSER_P4
