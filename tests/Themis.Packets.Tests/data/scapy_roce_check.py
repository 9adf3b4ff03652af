"""Decode RoCEv2 frames from a pcap with scapy.contrib.roce and recompute their checksums.

Usage: python3 scapy_roce_check.py FILE.pcap
Prints one JSON object per frame on stdout. Exit status 0 when every frame was decoded, 2 on usage errors.
The test suite compares these values with what Themis.Packets wrote; this script only reports.
"""
import json
import sys

from scapy.all import Ether, IP, UDP, raw, rdpcap
from scapy.contrib.roce import BTH, CNPPadding


def describe(index, frame):
    pkt = Ether(raw(frame))
    out = {"index": index, "has_ip": IP in pkt, "has_udp": UDP in pkt, "has_bth": BTH in pkt}
    if not out["has_bth"]:
        return out
    ip, udp, bth = pkt[IP], pkt[UDP], pkt[BTH]
    out.update({
        "ip_tos": ip.tos, "ip_len": ip.len, "ip_ttl": ip.ttl, "ip_src": ip.src, "ip_dst": ip.dst,
        "ip_chksum": ip.chksum, "udp_sport": udp.sport, "udp_dport": udp.dport, "udp_len": udp.len,
        "udp_chksum": udp.chksum,
        "opcode": bth.opcode, "solicited": bth.solicited, "migreq": bth.migreq, "padcount": bth.padcount,
        "version": bth.version, "pkey": bth.pkey, "fecn": bth.fecn, "becn": bth.becn, "resv6": bth.resv6,
        "dqpn": bth.dqpn, "ackreq": bth.ackreq, "resv7": bth.resv7, "psn": bth.psn,
        "icrc_wire": bth.icrc,
        "cnp_padding": [pkt[CNPPadding].reserved1, pkt[CNPPadding].reserved2] if CNPPadding in pkt else None,
    })
    # Let scapy fill both checksums in again from scratch and read back what it wrote.
    again = Ether(raw(pkt))
    del again[IP].chksum
    del again[BTH].icrc
    rebuilt = Ether(raw(again))
    out["ip_chksum_recomputed"] = rebuilt[IP].chksum
    out["icrc_recomputed"] = rebuilt[BTH].icrc
    return out


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for index, frame in enumerate(rdpcap(argv[1])):
        print(json.dumps(describe(index, frame)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
