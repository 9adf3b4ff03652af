#!/usr/bin/env bash
# Controller benchmark against a switch in its own process, as in a deployment (needs root and iproute2).
# Creates network namespace themis-cbench with a veth pair h1 <-> s1, starts the switch in it with s1 as
# DC port 1 and CPU port 255, and runs the benchmark in it, sending the emulated host's frames on h1.
#
#   bench/Themis.Controller.Benchmarks/run-external.sh [benchmark arguments...]
#
# The switch is themis-switch (strict BMv2 mode) unless SWITCH_CMD names another one, e.g. BMv2:
#   SWITCH_CMD="simple_switch_grpc --no-p4 --device-id 0 -i 1@s1 -- --cpu-port 255 --grpc-server-addr 127.0.0.1:9559" \
#     bench/Themis.Controller.Benchmarks/run-external.sh \
#     --set pipeline.p4info="$PWD/build/esw.p4info.txtpb" --set pipeline.deviceConfig="$PWD/build/esw.json"
# (p4c's outputs for p4/v1model/themis_esw.p4: p4c --target bmv2 --arch v1model --p4runtime-files build/esw.p4info.txtpb -o build).
# Run from the repository root. Everything stays inside the namespace, which is removed afterwards.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ns=themis-cbench
config=Release
bench_dll="bench/Themis.Controller.Benchmarks/bin/$config/net10.0/Themis.Controller.Benchmarks.dll"
switch_dll="src/Themis.Switch.Host/bin/$config/net10.0/themis-switch.dll"
dotnet build -c "$config" bench/Themis.Controller.Benchmarks >/dev/null
dotnet build -c "$config" src/Themis.Switch.Host >/dev/null

switch_pid=
backlog="$(sysctl -n net.core.netdev_max_backlog)"
cleanup() {
    if [[ -n "$switch_pid" ]]; then kill "$switch_pid" 2>/dev/null || true; wait "$switch_pid" 2>/dev/null || true; fi
    if [[ -n "${log:-}" && -s "$log" ]]; then
        echo "switch output (frames it lost are reported here as warnings):"
        cat "$log"
        rm -f "$log"
    fi
    if ip netns list | grep -qw "$ns"; then
        echo "switch-side link counters (drops before the switch's capture show here):"
        ip -n "$ns" -s link show s1 || true
    fi
    ip netns del "$ns" 2>/dev/null || true
    sysctl -q -w net.core.netdev_max_backlog="$backlog"
}
trap cleanup EXIT
cleanup
ip netns add "$ns"
ip -n "$ns" link add h1 type veth peer name s1
for dev in lo h1 s1; do
    ip -n "$ns" link set "$dev" up
done
# A veth delivers into the kernel's per-CPU backlog, 1000 frames by default: a burst of 1000 registrations sent back
# to back would overflow it and lose daemon packets before the switch sees them. Raised for the run, restored after.
sysctl -q -w net.core.netdev_max_backlog=65536
# Quiet links: no IPv6 autoconfiguration traffic into the switch.
ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1

# Queues as large as the in-process benchmark's, so a burst is buffered rather than dropped.
switch_cmd="${SWITCH_CMD:-dotnet $switch_dll --strict-bmv2 --device-id 0 --cpu-port 255 -i 1@s1 --grpc-server-addr 127.0.0.1:9559 --packet-in-queue 131072 --ingress-buffer 131072}"
log="$(mktemp)"
# shellcheck disable=SC2086 # the command is a word list on purpose
ip netns exec "$ns" $switch_cmd >"$log" 2>&1 &
switch_pid=$!
for _ in $(seq 1 100); do
    if ip netns exec "$ns" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9559' 2>/dev/null; then break; fi
    if ! kill -0 "$switch_pid" 2>/dev/null; then echo "the switch exited:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.1
done
echo "switch: $switch_cmd"
ip netns exec "$ns" dotnet "$bench_dll" --switch http://127.0.0.1:9559 --dc-interface h1 "$@"
