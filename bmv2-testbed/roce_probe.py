#!/usr/bin/env python3
"""RoCEv2 probes for the testbed, run inside a Mininet host (needs root for the packet socket).

  roce_probe.py cnp --to IP --dest-qp N --expect-qp N --iface IFACE [--timeout S]
      Sends one CE-marked RoCEv2 SEND-only packet (UDP 4791, BTH DestQP --dest-qp) to IP, as an RDMA sender
      whose packet met congestion, and waits on IFACE for the CNP the ESW must answer with (BTH opcode 0x81,
      DestQP --expect-qp, the local QP the daemon registered). Exit 0 when it arrives.
  roce_probe.py listen --dest-qp N --iface IFACE [--timeout S]
      Waits on IFACE for a RoCEv2 data packet with DestQP N and reports its ECN field (the ESW clears CE on
      the packets it answered). Exit 0 when one arrives.

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
    """Yields (ip_tos, src, dst, opcode, dest_qp) for each RoCEv2 frame the capture sees until the deadline."""
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
                   frame[base], struct.unpack("!I", frame[base + 4:base + 8])[0] & 0xFFFFFF)
    finally:
        sock.close()


def send_marked(to, dest_qp):
    """One SEND-only packet, ECN CE, 32 bytes of payload and a (zero) ICRC."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0x03)  # ECN = CE (11), DSCP 0
    sock.sendto(bth(OPCODE_SEND_ONLY, dest_qp, 1) + bytes(32) + bytes(4), (to, ROCE_PORT))
    sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["cnp", "listen"])
    parser.add_argument("--to")
    parser.add_argument("--dest-qp", type=qpn, required=True)
    parser.add_argument("--expect-qp", type=qpn)
    parser.add_argument("--iface", required=True)
    parser.add_argument("--timeout", type=float, default=3.0)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout

    if args.mode == "listen":
        for tos, src, dst, opcode, dest_qp in roce_packets(capture(args.iface), deadline):
            if opcode != OPCODE_CNP and dest_qp == args.dest_qp:
                print(json.dumps({"seen": True, "src": src, "dst": dst, "opcode": opcode, "ecn": tos & 0x03}))
                return 0
        print(json.dumps({"seen": False}))
        return 1

    if args.to is None or args.expect_qp is None:
        parser.error("cnp needs --to and --expect-qp")
    sock = capture(args.iface)  # listening before the packet leaves, so the CNP cannot be missed
    send_marked(args.to, args.dest_qp)
    for tos, src, dst, opcode, dest_qp in roce_packets(sock, deadline):
        if opcode == OPCODE_CNP and dest_qp == args.expect_qp:
            print(json.dumps({"cnp": True, "src": src, "dst": dst, "destQp": hex(dest_qp), "dscp": tos >> 2}))
            return 0
    print(json.dumps({"cnp": False}))
    return 1


if __name__ == "__main__":
    sys.exit(main())
