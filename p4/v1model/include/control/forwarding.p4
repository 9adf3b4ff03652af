// Themis ESW (v1model): IPv4 routing.
#ifndef THEMIS_V1MODEL_FORWARDING_P4
#define THEMIS_V1MODEL_FORWARDING_P4

control Forwarding(inout headers_t hdr,
                   inout local_metadata_t meta,
                   inout standard_metadata_t standard_metadata) {

    @name(".set_next_hop")
    action set_next_hop(port_t port, mac_addr_t dmac) {
        standard_metadata.egress_spec = port;
        hdr.ethernet.src_addr = meta.params.switch_mac;
        hdr.ethernet.dst_addr = dmac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 8w1;
        meta.routed = 1w1;
        meta.to_wan = 1w0;
    }

    // Same as set_next_hop for routes toward the WAN: PNP, TRP's CNP handling and the handshake
    // monitor act on traffic leaving the DC by such a route.
    @name(".set_wan_next_hop")
    action set_wan_next_hop(port_t port, mac_addr_t dmac) {
        standard_metadata.egress_spec = port;
        hdr.ethernet.src_addr = meta.params.switch_mac;
        hdr.ethernet.dst_addr = dmac;
        hdr.ipv4.ttl = hdr.ipv4.ttl - 8w1;
        meta.routed = 1w1;
        meta.to_wan = 1w1;
    }

    @name(".route_miss")
    action route_miss() {
        meta.routed = 1w0;
        mark_to_drop(standard_metadata);
    }

    @name(".routing_v4")
    table routing_v4 {
        key = {
            hdr.ipv4.dst_addr: lpm @name("ipv4_dst");
        }
        actions = {
            set_next_hop;
            set_wan_next_hop;
            @defaultonly route_miss;
        }
        const default_action = route_miss();
        size = ROUTING_V4_SIZE;
    }

    apply {
        if (hdr.ipv4.ttl <= 8w1) {
            // No ICMP time-exceeded: the ESW is not a host.
            mark_to_drop(standard_metadata);
            themis_events.count(EV_DROP_TTL_EXPIRED);
            return;
        }
        routing_v4.apply();
        if (meta.routed == 1w1) {
            themis_events.count(EV_ROUTED);
        } else {
            themis_events.count(EV_DROP_NO_ROUTE);
        }
    }
}

#endif  // THEMIS_V1MODEL_FORWARDING_P4
