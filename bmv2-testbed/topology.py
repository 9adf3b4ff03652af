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
then start one controller per ESW (see README.md) and use the Mininet CLI or experiments/;
or add --check to start the controllers and check the whole system end to end, then tear down.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

from mininet.cli import CLI
from mininet.link import Intf, TCLink
from mininet.log import info, setLogLevel
from mininet.net import Mininet
from mininet.node import OVSBridge
from mininet.nodelib import LinuxBridge

from esw_switch import EswSwitch

DCS = {
    1: {"subnet": "10.1.0.", "grpc": 9559, "http": 9464, "hosts": ["h1a", "h1b"]},
    2: {"subnet": "10.2.0.", "grpc": 9560, "http": 9465, "hosts": ["h2a", "h2b"]},
}
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def host_mac(dc, index):
    """Host MACs follow their addresses (10.DC.0.INDEX), as the controller configs' routes expect."""
    return "00:00:0a:%02x:00:%02x" % (dc, index)


def gateway_mac(dc):
    """The ESW's MAC (switchMac in configs/eswDC.json); hosts reach their gateway 10.DC.0.254 through it."""
    return "02:00:00:00:%02x:fe" % dc


def build(args):
    net = Mininet(link=TCLink, controller=None)
    esws = {}
    for dc, spec in DCS.items():
        esw = net.addSwitch("esw%d" % dc, cls=EswSwitch, kind=args.switch, grpc_port=spec["grpc"],
                            json_path=args.json, p4_path=args.p4, dpid="%016x" % (0x100 + dc))
        tor = net.addSwitch("tor%d" % dc, cls=OVSBridge if args.tor == "ovs" else LinuxBridge, dpid="%016x" % dc)
        for index, name in enumerate(spec["hosts"], start=1):
            host = net.addHost(name, ip="%s%d/16" % (spec["subnet"], index), mac=host_mac(dc, index),
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
        run("ip link del %s" % near, check=False, quiet=True)  # left over from an interrupted run
        run("ip link add %s type veth peer name %s" % (near, far))
        for dev in (near, far):
            run("ip link set %s up" % dev)
            run("ethtool -K %s tx off rx off" % dev, check=False, quiet=True)
        run("tc qdisc add dev %s root tbf rate %s burst 32kbit latency 50ms" % (far, rate))
        run("tc qdisc add dev %s handle ffff: ingress" % far)
        # u32 matching every frame (rather than matchall, which not every kernel has).
        run("tc filter add dev %s parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev %s" % (far, far))
        esw.attach_loop = near


def run(command, check=True, quiet=False):
    info("*** %s\n" % command)
    output = subprocess.DEVNULL if quiet else None
    return subprocess.run(command.split(), check=check, stdout=output, stderr=output)


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
    parser.add_argument("--check", action="store_true",
                        help="start both controllers, check forwarding and the SYN cookie end to end, tear down; "
                             "exit status 0 when every check passes")
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
            host = net.get(name)
            host.cmd("ip route add 10.0.0.0/8 via %s254" % spec["subnet"])
            # Checksums in software: with offload a veth leaves TCP/UDP checksums for the NIC to fill in, and a
            # software switch (BMv2 or themis-switch) capturing the frame would forward it with a wrong one.
            host.cmd("ethtool -K %s tx off rx off >/dev/null 2>&1" % host.defaultIntf())
            # The ESW does not answer ARP: its address is given to the hosts, as a DC router's would be.
            host.cmd("ip neigh replace %s254 lladdr %s dev %s" % (spec["subnet"], gateway_mac(dc), host.defaultIntf()))
    status = 0
    if args.check:
        status = check(net, args)
    elif args.no_cli:
        info("*** topology up; tearing down (--no-cli)\n")
    else:
        CLI(net)
    net.stop()
    for dc in esws:
        run("ip link del esw%d-loop" % dc, check=False)
    sys.exit(status)


def start_controller(args, dc, *extra_args, name=None):
    """One themis-controller for esw DC (THEMIS_CONTROLLER names the command), logging to /tmp/themis-testbed."""
    command = os.environ.get("THEMIS_CONTROLLER", "themis-controller").split()
    config = os.path.join(REPO, "bmv2-testbed", "configs", "esw%d.json" % dc)
    extra = list(extra_args)
    if args.switch == "themis":
        # The embedded switch compiles the P4 source itself; the P4Info is derived from it.
        extra += ["--set", "pipeline.deviceConfig=\"%s\"" % os.path.join(REPO, "p4", "v1model", "themis_esw.p4"),
                  "--set", "pipeline.p4info=\"derive\""]
    if args.check:
        # A throttle window (quiet time after the last CNP) long enough for packets sent by another host a moment
        # after the CNP to be throttled; the configs' 500 us suits NIC-paced traffic, not this check.
        extra += ["--set", "themis.beta=\"2s\""]
    log = open("/tmp/themis-testbed/%s.log" % (name or "controller%d" % dc), "w")
    info("*** controller for esw%d: %s\n" % (dc, " ".join(command + ["run", "--config", config] + extra)))
    return subprocess.Popen(command + ["run", "--config", config] + extra, stdout=log, stderr=subprocess.STDOUT)


def start_controllers(args):
    """One themis-controller per ESW; returns the processes."""
    return [start_controller(args, dc) for dc in DCS]


def last_line(output):
    """The last line a host command printed, without the terminal control sequences Mininet's shell adds."""
    lines = re.sub(r"\x1b(\[[?0-9;]*[A-Za-z]|[=>])", "", output).strip().splitlines()
    return lines[-1] if lines else ""


def controller_status(dc, http_port=None):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/status" % (http_port or DCS[dc]["http"]), timeout=2) as reply:
            return json.load(reply)
    except OSError:
        return None


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


PROBE = [sys.executable, os.path.join(REPO, "bmv2-testbed", "roce_probe.py")]


def probe_listener(host, *args):
    """Starts roce_probe.py listen on host; give it a moment to open its packet socket before sending."""
    listener = host.popen(PROBE + ["listen", "--iface", str(host.defaultIntf())] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(0.5)
    return listener


def probe_result(listener, timeout):
    try:
        return last_line(listener.communicate(timeout=timeout)[0])
    except subprocess.TimeoutExpired:
        listener.kill()
        return "no answer from the listener"


def themisctl_json(dc, *args):
    """themisctl's JSON result for esw DC (THEMISCTL names the command), or the problem as a string."""
    command = os.environ.get("THEMISCTL", "themisctl").split()
    try:
        shown = subprocess.run(command + ["--address", "127.0.0.1:%d" % DCS[dc]["grpc"], "--json"] + list(args),
                               capture_output=True, text=True, timeout=60)
        return json.loads(shown.stdout)["result"] if shown.returncode == 0 else "exit %d: %s" % (shown.returncode, shown.stderr.strip())
    except (OSError, ValueError, KeyError, subprocess.TimeoutExpired) as problem:
        return str(problem)


def themis_events(dc):
    """esw DC's decision counters (themis_events) by name; {} when they cannot be read."""
    result = themisctl_json(dc, "stats", "--sample", "0.1")
    return {e["event"]: e["packets"] for e in result["events"]} if isinstance(result, dict) else {}


def check_pnp(h1a, h2a, record):
    """PNP on real links: h1a's registered QP 0x11 sends a CE-marked packet to h2a's QP 0x22; esw1 must answer
    h1a with a CNP for QP 0x11 at once, and forward the packet to h2a with CE cleared."""
    listener = probe_listener(h2a, "--dest-qp", "0x22", "--timeout", "10")
    cnp = last_line(h1a.cmd(" ".join(PROBE + ["cnp", "--to", "10.2.0.1", "--dest-qp", "0x22", "--expect-qp", "0x11",
                                              "--iface", str(h1a.defaultIntf())])))
    record('"cnp": true' in cnp, "PNP: esw1 answers h1a's CE-marked packet with a CNP to QP 0x11 (%s)" % cnp)
    seen = probe_result(listener, 15)
    record('"seen": true' in seen and '"ecn": 3' not in seen, "PNP: the packet reaches h2a with CE cleared (%s)" % seen)


def check_trp(h1a, h2a, record):
    """TRP on real links, through the loop port: h1a, receiving on QP 0x11, sends a CNP to h2a's sender QP 0x22;
    esw1 throttles the flow, so h2a's next packets to QP 0x11 go round esw1's loop port (the veth whose far end
    reflects them) before they reach h1a: all of them, in PSN order."""
    before = themis_events(1)
    h1a.cmd(" ".join(PROBE + ["send-cnp", "--to", "10.2.0.1", "--dest-qp", "0x22"]))
    listener = probe_listener(h1a, "--dest-qp", "0x11", "--count", "20", "--timeout", "15")
    h2a.cmd(" ".join(PROBE + ["send", "--to", "10.1.0.1", "--dest-qp", "0x11", "--count", "20"]))
    seen = probe_result(listener, 20)
    looped = themis_events(1).get("trp_loop_pass", 0) - before.get("trp_loop_pass", 0)
    record('"psns": [%s]' % ", ".join(str(n) for n in range(1, 21)) in seen and looped > 0,
           "TRP: after h1a's CNP, h2a's 20 packets reach h1a through esw1's loop port (%d loop passes), in PSN order (%s)"
           % (looped, seen[:120]))


def check_registration(h1a, h2a, record):
    """h1a's daemon (themis-host, THEMIS_HOST) reports a QP pair to esw1's control IP, signed with h1a's key from
    configs/esw1.json: the controller installs its qp_field entry, and removes it on the destroy report."""
    command = os.environ.get("THEMIS_HOST", "themis-host")
    with open(os.path.join(REPO, "bmv2-testbed", "configs", "esw1.json")) as config:
        key = json.load(config)["daemon"]["keys"]["10.1.0.1"]
    key_file = "/tmp/themis-testbed/h1a.key"
    with open(key_file, "w") as out:
        out.write(key)
    os.chmod(key_file, 0o600)
    report = "%s report %%s --control-ip 10.1.0.254 --local-qpn 0x11 --key-file %s" % (command, key_file)
    installed = lambda count: wait_until(lambda: (controller_status(1) or {}).get("installedFlows") == count, 10)
    sent = h1a.cmd(report % "create" + " --remote-ip 10.2.0.1 --remote-qpn 0x22")
    record(installed(1), "h1a's signed QP report installs a qp_field entry on esw1 (%s)" % last_line(sent))
    # The operator's view of the same flow, read from the switch by themisctl.
    flows = themisctl_json(1, "flows")
    record(isinstance(flows, dict) and any(f["localIp"] == "10.1.0.1" and f["remoteIp"] == "10.2.0.1" for f in flows["flows"]),
           "themisctl flows on esw1 lists 10.1.0.1 <-> 10.2.0.1 (%s)" % flows)
    check_pnp(h1a, h2a, record)
    check_trp(h1a, h2a, record)
    sent = h1a.cmd(report % "destroy")
    record(installed(0), "h1a's destroy report removes it (%s)" % last_line(sent))
    return report


def check_failover(args, h1a, record, report):
    """Two controllers for esw1: a second one with a higher election id takes over, and when it is killed (no
    goodbye: SIGKILL) the first becomes primary again, rebuilds from the switch and serves registrations."""
    second_port = 9466
    second = start_controller(args, 1, "--election-id", "2", "--http", "127.0.0.1:%d" % second_port, name="controller1-second")
    try:
        took_over = wait_until(lambda: (controller_status(1, second_port) or {}).get("role") == "primary"
                               and (controller_status(1) or {}).get("role") == "standby", 60)
        record(took_over, "a second controller for esw1 (election id 2) becomes primary, the first stands by")
    finally:
        second.kill()
        second.wait(timeout=10)
    started = time.monotonic()
    back = wait_until(lambda: (controller_status(1) or {}).get("role") == "primary", 30)
    record(back, "after the second is killed, the first is primary again (%.1f s)" % (time.monotonic() - started))
    sent = h1a.cmd(report % "create" + " --remote-ip 10.2.0.1 --remote-qpn 0x33")
    record(wait_until(lambda: (controller_status(1) or {}).get("installedFlows") == 1, 10),
           "it serves: h1a's next registration is installed (%s)" % last_line(sent))
    h1a.cmd(report % "destroy")


def check(net, args):
    """End to end through both ESWs: controllers primary, pings inside and across the DCs, a TCP connection
    across the WAN through the SYN cookie (the first attempt is answered by the ESW and reset, the retry passes),
    the host pair the controller verified from it, a signed daemon report from h1a installing a qp_field entry
    (which themisctl lists), PNP and TRP (through the loop port) on that flow, the entry's removal, and failover
    between two controllers of esw1. Prints each result; returns 0 when all hold."""
    results = []

    def record(ok, what):
        results.append(ok)
        info("*** %s %s\n" % ("PASS" if ok else "FAIL", what))

    processes = start_controllers(args)
    try:
        for dc in DCS:
            record(wait_until(lambda: (controller_status(dc) or {}).get("role") == "primary", 60),
                   "controller for esw%d is primary and pushed its pipeline" % dc)
        h1a, h2a = net.get("h1a"), net.get("h2a")
        # Three answered pings in a row; a loaded machine may need a few attempts.
        pings = lambda host, address: wait_until(lambda: " 0% packet loss" in host.cmd("ping -c 3 -W 2 -i 0.2 %s" % address), 30)
        record(pings(h1a, "10.1.0.2"), "ping h1a -> h1b (inside DC 1)")
        record(pings(h1a, "10.2.0.1"), "ping h1a -> h2a (across the WAN through both ESWs)")
        with open("/tmp/themis-testbed/h2a-server.log", "w") as server_log:
            server = h2a.popen([sys.executable, "-m", "http.server", "--bind", "10.2.0.1", "8080"],
                               stdout=server_log, stderr=subprocess.STDOUT)
        try:
            record(wait_until(lambda: ":8080" in h2a.cmd("ss -ltn"), 15), "h2a's HTTP server listens on 10.2.0.1:8080")
            fetch = (sys.executable + " -c \"import socket,sys\n"
                     "s=socket.create_connection(('10.2.0.1',8080),timeout=10)\n"
                     "s.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); print(s.recv(12).decode())\"")
            first = last_line(h1a.cmd(fetch))
            # The ESW answered the SYN itself (so the client connected) and reset the connection after the ACK.
            record("ConnectionResetError" in first,
                   "first TCP connection h1a -> h2a is answered by esw1's SYN cookie and reset (%s)" % first)
            pairs = lambda: (controller_status(1) or {}).get("verifiedPairs", 0) >= 1
            record(wait_until(pairs, 10), "esw1's controller verified the pair 10.1.0.1 <-> 10.2.0.1 from the digest")
            second = h1a.cmd(fetch)
            record("HTTP/1.0" in second, "the retried connection reaches h2a's server (%s)" % last_line(second))
        finally:
            server.terminate()
        report = check_registration(h1a, h2a, record)
        check_failover(args, h1a, record, report)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
    info("*** %d of %d checks passed; logs in /tmp/themis-testbed\n" % (sum(results), len(results)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    main()
