"""Mininet switch classes that run an ESW: BMv2 simple_switch_grpc or the embedded themis-switch.

Both are started the same way simple_switch_grpc is (``-i PORT@IFACE``, ``--cpu-port``,
``--device-id``, ``--grpc-server-addr``), so a topology can swap one for the other with a flag.
Readiness is detected by connecting to the gRPC port, never by sleeping a fixed time.
"""

import os
import shlex
import socket
import subprocess
import time

from mininet.log import error, info
from mininet.node import Switch

# BMv2 drops packets sent to port 511, and PI refuses CPU port 0, so the ESW uses 255.
CPU_PORT = 255


def wait_for_tcp(host, port, timeout, process=None):
    """Returns True when host:port accepts a connection within timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class EswSwitch(Switch):
    """A P4Runtime switch process bound to the Mininet interfaces of this node.

    kind: "bmv2" (simple_switch_grpc, needs a BMv2 JSON via ``json_path`` or starts with
    ``--no-p4`` and waits for the controller's pipeline) or "themis" (themis-switch; starts empty
    and takes the P4 source from the controller, or ``--p4 p4_path``).
    """

    def __init__(self, name, kind="themis", grpc_port=9559, device_id=0, json_path=None,
                 p4_path=None, log_dir="/tmp/themis-testbed", themis_switch_cmd=None, **kwargs):
        Switch.__init__(self, name, **kwargs)
        self.kind = kind
        self.grpc_port = grpc_port
        self.device_id = device_id
        self.json_path = json_path
        self.p4_path = p4_path
        self.log_dir = log_dir
        self.themis_switch_cmd = themis_switch_cmd or os.environ.get("THEMIS_SWITCH", "themis-switch")
        self.process = None

    def port_args(self):
        args = []
        for intf, port in sorted(self.ports.items(), key=lambda item: item[1]):
            if intf.name != "lo" and port > 0:
                args += ["-i", "%d@%s" % (port, intf.name)]
        return args

    def command(self):
        address = "0.0.0.0:%d" % self.grpc_port
        if self.kind == "bmv2":
            program = [self.json_path] if self.json_path else ["--no-p4"]
            # --grpc-server-addr and --cpu-port are simple_switch_grpc's target options: after "--".
            return (["simple_switch_grpc", "--device-id", str(self.device_id)] + self.port_args() + program
                    + ["--", "--grpc-server-addr", address, "--cpu-port", str(CPU_PORT)])
        command = shlex.split(self.themis_switch_cmd) + ["--device-id", str(self.device_id)]
        command += self.port_args() + ["--cpu-port", str(CPU_PORT), "--grpc-server-addr", address]
        if self.p4_path:
            command += ["--p4", self.p4_path]
        return command

    def start(self, controllers):
        os.makedirs(self.log_dir, exist_ok=True)
        log_path = os.path.join(self.log_dir, "%s.log" % self.name)
        command = self.command()
        info("*** %s: %s\n" % (self.name, " ".join(command)))
        with open(log_path, "w") as log:
            # The switch runs in the root namespace like simple_switch does under Mininet:
            # its ports are this node's interfaces, which live there.
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        if not wait_for_tcp("127.0.0.1", self.grpc_port, 30, self.process):
            error("*** %s did not open its P4Runtime port %d; see %s\n" % (self.name, self.grpc_port, log_path))
            raise RuntimeError("%s failed to start" % self.name)

    def stop(self, deleteIntfs=True):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        Switch.stop(self, deleteIntfs)
