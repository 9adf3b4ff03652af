// Themis ESW (v1model): handshake monitor. Learns which host pairs talk across the WAN by watching
// TCP connection set-up (RDMA CM / socket QP exchange), without keeping per-SYN state: a SYN from
// the DC toward the WAN is answered with a SYN-ACK whose sequence number is a cookie
// (SYN cookies, RFC 4987 §3.6); the client's ACK proves the pair, is answered with RST, and the pair
// is remembered in verified_pairs and reported by digest. The client's retry then passes.
// Passive mode only observes SYN-ACKs.
#ifndef THEMIS_V1MODEL_HANDSHAKE_P4
#define THEMIS_V1MODEL_HANDSHAKE_P4

control Handshake(inout headers_t hdr,
                  inout local_metadata_t meta,
                  inout standard_metadata_t standard_metadata) {

    bit<32> secret_current = 0;
    bit<32> secret_previous = 0;

    // Rotated by the controller: new current, old current becomes previous.
    @name(".set_cookie_secrets")
    action set_cookie_secrets(bit<32> current, bit<32> previous) {
        secret_current = current;
        secret_previous = previous;
    }

    @name(".cookie_secrets")
    table cookie_secrets {
        actions = {
            set_cookie_secrets;
        }
        default_action = set_cookie_secrets(32w0, 32w0);
        size = 1;
    }

    // Ethernet and IPv4 of a reply to the segment being processed, from the switch.
    action reply_headers() {
        ipv4_addr_t client = hdr.ipv4.src_addr;
        hdr.ethernet.dst_addr = meta.orig_src_mac;
        hdr.ethernet.src_addr = meta.params.switch_mac;
        hdr.ethernet.ether_type = ETHERTYPE_IPV4;
        hdr.ipv4_options.setInvalid();
        hdr.ipv4.ihl = 4w5;
        hdr.ipv4.ecn = ECN_NOT_ECT;
        hdr.ipv4.total_len = TCP_REPLY_IPV4_TOTAL_LEN;
        hdr.ipv4.identification = 16w0;
        hdr.ipv4.flags = 3w0b010;
        hdr.ipv4.frag_offset = 13w0;
        hdr.ipv4.ttl = GENERATED_TTL;
        hdr.ipv4.src_addr = hdr.ipv4.dst_addr;
        hdr.ipv4.dst_addr = client;
        bit<16> client_port = hdr.tcp.sport;
        hdr.tcp.sport = hdr.tcp.dport;
        hdr.tcp.dport = client_port;
        hdr.tcp.data_offset = 4w5;
        hdr.tcp.res = 4w0;
        hdr.tcp.urgent_ptr = 16w0;
        hdr.tcp.checksum = 16w0;
        standard_metadata.egress_spec = standard_metadata.ingress_port;
        meta.tcp_reply = 1w1;
    }

    apply {
        cookie_secrets.apply();

        bool syn = (hdr.tcp.flags & TCP_FLAG_SYN) != 0;
        bool ack = (hdr.tcp.flags & TCP_FLAG_ACK) != 0;
        bool rst = (hdr.tcp.flags & TCP_FLAG_RST) != 0;
        bool outbound = meta.ingress_role == PORT_ROLE_DC && meta.to_wan == 1w1;
        bool inbound = meta.ingress_role == PORT_ROLE_WAN && meta.to_wan == 1w0;
        bool passive = meta.params.passive_handshake == 1w1;

        // The pair as (DC host, WAN host).
        ipv4_addr_t local_ip = hdr.ipv4.src_addr;
        ipv4_addr_t remote_ip = hdr.ipv4.dst_addr;
        if (inbound) {
            local_ip = hdr.ipv4.dst_addr;
            remote_ip = hdr.ipv4.src_addr;
        } else if (!outbound) {
            return;
        }

        bit<32> pair_index;
        hash(pair_index, HashAlgorithm.crc32, 32w0, { local_ip, remote_ip }, (bit<32>)VERIFIED_PAIRS_SIZE);
        bit<64> stored;
        verified_pairs.read(stored, pair_index);
        bool verified = stored == (local_ip ++ remote_ip);

        bool mark = false;
        if (inbound) {
            // Passive mode: a WAN host accepted a connection from a DC host.
            if (passive && syn && ack && !verified) {
                mark = true;
                themis_events.count(EV_HS_PASSIVE_MARKED);
            }
        } else if (syn && ack) {
            // A DC host accepts a connection from the WAN: the pair is proven in both modes.
            if (!verified) {
                mark = true;
                themis_events.count(EV_HS_SYNACK_MARKED);
            }
        } else if (syn && !rst) {
            if (verified) {
                themis_events.count(EV_HS_SYN_VERIFIED_FORWARDED);
            } else if (passive) {
                themis_events.count(EV_HS_PASSIVE_SYN_FORWARDED);
            } else {
                bit<32> cookie;
                hash(cookie, HashAlgorithm.crc32, 32w0,
                     { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, hdr.tcp.sport, hdr.tcp.dport, secret_current },
                     64w0x100000000);
                bit<32> client_seq = hdr.tcp.seq_no;
                reply_headers();
                hdr.tcp.seq_no = cookie;
                hdr.tcp.ack_no = client_seq + 32w1;
                hdr.tcp.flags = TCP_FLAG_SYN | TCP_FLAG_ACK;
                hdr.tcp.window = SYN_ACK_WINDOW;
                themis_events.count(EV_HS_COOKIE_SENT);
            }
        } else if (ack && !rst && !verified && !passive) {
            bit<32> cookie_current;
            bit<32> cookie_previous;
            hash(cookie_current, HashAlgorithm.crc32, 32w0,
                 { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, hdr.tcp.sport, hdr.tcp.dport, secret_current },
                 64w0x100000000);
            hash(cookie_previous, HashAlgorithm.crc32, 32w0,
                 { hdr.ipv4.src_addr, hdr.ipv4.dst_addr, hdr.tcp.sport, hdr.tcp.dport, secret_previous },
                 64w0x100000000);
            bit<32> echoed = hdr.tcp.ack_no - 32w1;
            if (echoed == cookie_current || echoed == cookie_previous) {
                if (echoed != cookie_current) {
                    themis_events.count(EV_HS_OLD_SECRET_ACCEPTED);
                }
                mark = true;
                themis_events.count(EV_HS_VERIFIED);
                // RFC 9293 §3.10.7.1: a reset for a segment with ACK carries SEQ = SEG.ACK.
                bit<32> client_ack = hdr.tcp.ack_no;
                reply_headers();
                hdr.tcp.seq_no = client_ack;
                hdr.tcp.ack_no = 32w0;
                hdr.tcp.flags = TCP_FLAG_RST;
                hdr.tcp.window = 16w0;
            } else {
                mark_to_drop(standard_metadata);
                themis_events.count(EV_HS_REJECTED);
                themis_events.count(EV_DROP_HS_REJECTED);
            }
        }

        if (mark) {
            verified_pairs.write(pair_index, local_ip ++ remote_ip);
            digest<handshake_digest_t>(DIGEST_HANDSHAKE,
                { local_ip, remote_ip, pair_index });
        }
    }
}

#endif  // THEMIS_V1MODEL_HANDSHAKE_P4
