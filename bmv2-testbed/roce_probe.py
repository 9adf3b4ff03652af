#!/usr/bin/env python3
"""RoCEv2 probes for the testbed, run inside a Mininet host (needs root for the packet socket).

  roce_probe.py cnp --to IP --dest-qp N --expect-qp N --iface IFACE [--timeout S]
      Sends one CE-marked RoCEv2 SEND-only packet (UDP 4791, BTH DestQP --dest-qp) to IP, as an RDMA sender
      whose packet met congestion, and waits on IFACE for the CNP the ESW must answer with (BTH opcode 0x81,
      DestQP --expect-qp, the local QP the daemon registered). Exit 0 when it arrives.
  roce_probe.py listen --dest-qp N --iface IFACE [--count K] [--timeout S]
      Waits on IFACE for K (default 1) RoCEv2 data packets with DestQP N and reports the first one's ECN field
      (the ESW clears CE on the packets it answered) and the PSNs in arrival order. Exit 0 when K arrived.
  roce_probe.py send --to IP --dest-qp N [--count K]
      Sends K SEND-only packets to IP, DestQP N, PSNs 1..K, as a remote RDMA sender.
  roce_probe.py send-cnp --to IP --dest-qp N
      Sends one CNP to IP for its QP N, as a receiver's NIC does when its packets are CE-marked.

Each prints one JSON line describing what it saw.
"""

import argparse
import json
import socket
import struct
import sys
import time

ROCE_PORT = 4791
OPCODE_SEND_ONLY = 0x04
OPCODE_CNP = 0x81
ETH_P_ALL = 0x0003


def qpn(text):
    return int(text, 0)


def bth(opcode, dest_qp, psn):
    """Base Transport Header: opcode, SE/M/PadCnt/TVer, P_Key, FECN/BECN/resv, DestQP, AckReq/resv, PSN."""
    return struct.pack("!BBHII", opcode, 0, 0xFFFF, dest_qp & 0xFFFFFF, psn & 0xFFFFFF)


def capture(iface):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind((iface, 0))
    return sock


def roce_packets(sock, deadline):
    """Yields (ip_tos, src, dst, opcode, dest_qp, psn) for each RoCEv2 frame the capture sees until the deadline."""
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            sock.settimeout(left)
            try:
                frame = sock.recv(65535)
            except socket.timeout:
                return
            if len(frame) < 14 + 20 + 8 + 12 or frame[12:14] != b"\x08\x00":
                continue
            ihl = (frame[14] & 0x0F) * 4
            if frame[14 + 9] != socket.IPPROTO_UDP:
                continue
            udp = 14 + ihl
            if struct.unpack("!H", frame[udp + 2:udp + 4])[0] != ROCE_PORT or len(frame) < udp + 8 + 12:
                continue
            base = udp + 8
            yield (frame[15], socket.inet_ntoa(frame[26:30]), socket.inet_ntoa(frame[30:34]),
                   frame[base], struct.unpack("!I", frame[base + 4:base + 8])[0] & 0xFFFFFF,
                   struct.unpack("!I", frame[base + 8:base + 12])[0] & 0xFFFFFF)
    finally:
        sock.close()


def send(to, payloads, tos):
    """RoCEv2 datagrams from this host (the kernel fills in IP and UDP); the ICRC is left zero."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
    for payload in payloads:
        sock.sendto(payload + bytes(4), (to, ROCE_PORT))
    sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["cnp", "listen", "send", "send-cnp"])
    parser.add_argument("--to")
    parser.add_argument("--dest-qp", type=qpn, required=True)
    parser.add_argument("--expect-qp", type=qpn)
    parser.add_argument("--iface")
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    if args.mode == "send":
        send(args.to, [bth(OPCODE_SEND_ONLY, args.dest_qp, psn) + bytes(32) for psn in range(1, args.count + 1)], 0x02)
        return 0
    if args.mode == "send-cnp":
        # CNP: BTH opcode 0x81 with BECN, 16 reserved bytes; DSCP 48 as NICs send them.
        cnp = struct.pack("!BBHII", OPCODE_CNP, 0, 0xFFFF, 0x40000000 | (args.dest_qp & 0xFFFFFF), 0) + bytes(16)
        send(args.to, [cnp], 48 << 2)
        return 0
    if args.iface is None:
        parser.error("%s needs --iface" % args.mode)

    if args.mode == "listen":
        seen = []
        for tos, src, dst, opcode, dest_qp, psn in roce_packets(capture(args.iface), deadline):
            if opcode != OPCODE_CNP and dest_qp == args.dest_qp:
                seen.append((tos, src, dst, opcode, psn))
                if len(seen) == args.count:
                    break
        if not seen:
            print(json.dumps({"seen": False}))
            return 1
        tos, src, dst, opcode, _ = seen[0]
        print(json.dumps({"seen": True, "count": len(seen), "src": src, "dst": dst, "opcode": opcode, "ecn": tos & 0x03,
                          "psns": [p[4] for p in seen]}))
        return 0 if len(seen) == args.count else 1

    if args.to is None or args.expect_qp is None:
        parser.error("cnp needs --to and --expect-qp")
    sock = capture(args.iface)  # listening before the packet leaves, so the CNP cannot be missed
    send(args.to, [bth(OPCODE_SEND_ONLY, args.dest_qp, 1) + bytes(32)], 0x03)  # ECN = CE (11), DSCP 0
    for tos, src, dst, opcode, dest_qp, _ in roce_packets(sock, deadline):
        if opcode == OPCODE_CNP and dest_qp == args.expect_qp:
            print(json.dumps({"cnp": True, "src": src, "dst": dst, "destQp": hex(dest_qp), "dscp": tos >> 2}))
            return 0
    print(json.dumps({"cnp": False}))
    return 1


if __name__ == "__main__":
    sys.exit(main())
