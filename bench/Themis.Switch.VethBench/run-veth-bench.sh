#!/usr/bin/env bash
# Veth-pair benchmark of the embedded switch (needs root and iproute2).
# Creates network namespace themis-bench with two veth pairs, g0<->s1 and s2<->k0, runs the
# benchmark inside it (switch ports 1@s1 and 2@s2; generator on g0; sink on k0) and removes the
# namespace afterwards. All traffic stays inside the namespace.
# Usage: bench/Themis.Switch.VethBench/run-veth-bench.sh [--rates R1,R2,...] [--seconds S]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ns=themis-bench
dll="$here/bin/Release/net10.0/Themis.Switch.VethBench.dll"
if [[ ! -f "$dll" ]]; then
    dotnet build -c Release "$here" >/dev/null
fi

cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$ns"
ip -n "$ns" link add g0 type veth peer name s1
ip -n "$ns" link add s2 type veth peer name k0
for dev in lo g0 s1 s2 k0; do
    ip -n "$ns" link set "$dev" up
done
# Quiet links: no IPv6 autoconfiguration traffic on the measured ports.
ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip netns exec "$ns" dotnet "$dll" --switch-in s1 --switch-out s2 --generator g0 --sink k0 "$@"
