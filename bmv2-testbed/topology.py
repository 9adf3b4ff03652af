#!/usr/bin/env python3
"""Two datacenters joined over a long-haul WAN, each behind a Themis ESW.

    h1a h1b                                   h2a h2b
      \\  /                                      \\  /
      tor1 --(1) esw1 (2)== WAN (delay) ==(2) esw2 (1)-- tor2
                   (3) loop                (3) loop

Ports on each ESW: 1 = DC-facing, 2 = WAN, 3 = loop port, CPU port 255 (P4Runtime packet-in/out).
The loop port is one end of a veth pair whose other end sends every frame straight back
(tc mirred) through a rate limiter, so throttled packets re-enter the ESW on port 3 after a
queueing delay, as the design's loop port requires.

Run as root:  python3 topology.py --switch themis   (or --switch bmv2 --json esw.json)
then start one controller per ESW (see README.md) and use the Mininet CLI or experiments/.
"""

import argparse
import subprocess

from mininet.cli import CLI
from mininet.link import Intf, TCLink
from mininet.log import info, setLogLevel
from mininet.net import Mininet
from mininet.node import OVSBridge
from mininet.nodelib import LinuxBridge

from esw_switch import EswSwitch

DCS = {
    1: {"subnet": "10.1.0.", "grpc": 9559, "hosts": ["h1a", "h1b"]},
    2: {"subnet": "10.2.0.", "grpc": 9560, "hosts": ["h2a", "h2b"]},
}


def build(args):
    net = Mininet(link=TCLink, controller=None, autoSetMacs=True)
    esws = {}
    for dc, spec in DCS.items():
        esw = net.addSwitch("esw%d" % dc, cls=EswSwitch, kind=args.switch, grpc_port=spec["grpc"],
                            json_path=args.json, p4_path=args.p4, dpid="%016x" % (0x100 + dc))
        tor = net.addSwitch("tor%d" % dc, cls=OVSBridge if args.tor == "ovs" else LinuxBridge, dpid="%016x" % dc)
        for index, name in enumerate(spec["hosts"], start=1):
            host = net.addHost(name, ip="%s%d/16" % (spec["subnet"], index),
                               defaultRoute="via %s254" % spec["subnet"])
            net.addLink(host, tor, bw=args.dc_bw)
        net.addLink(tor, esw, port2=1, bw=args.dc_bw)
        esws[dc] = esw
    # No delay at all (not even 0 ms) keeps netem out: some kernels are built without it.
    delay = None if args.wan_delay in ("0", "none") else args.wan_delay
    net.addLink(esws[1], esws[2], port1=2, port2=2, bw=args.wan_bw, delay=delay)
    return net, esws


def add_loop_ports(esws, rate):
    """Creates each ESW's loop port: veth pair, far end reflects frames back, rate-limited."""
    for dc, esw in esws.items():
        near, far = "esw%d-loop" % dc, "esw%d-loopr" % dc
        run("ip link add %s type veth peer name %s" % (near, far))
        for dev in (near, far):
            run("ip link set %s up" % dev)
            run("ethtool -K %s tx off rx off" % dev, check=False)
        run("tc qdisc add dev %s root tbf rate %s burst 32kbit latency 50ms" % (far, rate))
        run("tc qdisc add dev %s handle ffff: ingress" % far)
        # u32 matching every frame (rather than matchall, which not every kernel has).
        run("tc filter add dev %s parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev %s" % (far, far))
        esw.attach_loop = near


def run(command, check=True):
    info("*** %s\n" % command)
    return subprocess.run(command.split(), check=check)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--switch", choices=["themis", "bmv2"], default="themis")
    parser.add_argument("--json", help="BMv2 JSON of themis_esw.p4 (bmv2 only; else the controller pushes it)")
    parser.add_argument("--p4", help="P4 source for themis-switch to load at start")
    parser.add_argument("--wan-delay", default="5ms", help="one-way WAN delay (default 5ms; 'none' when the kernel lacks netem)")
    parser.add_argument("--wan-bw", type=float, default=100, help="WAN bandwidth, Mbit/s")
    parser.add_argument("--dc-bw", type=float, default=100, help="DC link bandwidth, Mbit/s")
    parser.add_argument("--loop-rate", default="50mbit", help="rate of each ESW's loop port")
    parser.add_argument("--tor", choices=["ovs", "linux"], default="ovs",
                        help="ToR switches: Open vSwitch (default) or Linux bridges (kernels without openvswitch)")
    parser.add_argument("--no-cli", action="store_true", help="build, then tear down (smoke test)")
    args = parser.parse_args()

    setLogLevel("info")
    net, esws = build(args)
    add_loop_ports(esws, args.loop_rate)
    for esw in esws.values():
        # Port 3 of each ESW is its loop port; added before the switch process starts.
        Intf(esw.attach_loop, node=esw, port=3)
    net.start()
    for dc, spec in DCS.items():
        for name in spec["hosts"]:
            net.get(name).cmd("ip route add 10.0.0.0/8 via %s254" % spec["subnet"])
    if args.no_cli:
        info("*** topology up; tearing down (--no-cli)\n")
    else:
        CLI(net)
    net.stop()
    for dc in esws:
        run("ip link del esw%d-loop" % dc, check=False)


if __name__ == "__main__":
    main()
