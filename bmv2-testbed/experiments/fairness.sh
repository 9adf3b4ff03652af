#!/usr/bin/env bash
# Intra-DC vs inter-DC RDMA fairness on the two-DC topology, with soft-RoCE (rxe) on the hosts.
#
# Run inside the Mininet CLI's shell after topology.py is up and both controllers run:
#   mininet> sh bmv2-testbed/experiments/fairness.sh [seconds]
# h1a and h2a both send RDMA WRITEs to h1b (the bottleneck is tor1 -> h1b); h1b's NIC marks
# ECN / sends CNPs as DCQCN does. Without Themis the inter-DC flow (h2a) keeps its rate while
# the intra-DC flow (h1a) backs off; with Themis both converge. Prints each flow's Gbit/s.
# Needs: rdma-core, ibverbs-utils, perftest (Debian packages) and the rdma_rxe kernel module.
set -euo pipefail
seconds=${1:-20}
out=${OUT:-/tmp/themis-fairness}
mkdir -p "$out"

in_host() { local host=$1; shift; mnexec -a "$(pgrep -f "mininet:$host\$" | head -n1)" "$@"; }

for tool in rdma ib_write_bw mnexec; do
  command -v "$tool" >/dev/null || { echo "fairness.sh: '$tool' not found (apt-get install rdma-core ibverbs-utils perftest mininet)" >&2; exit 1; }
done
for host in h1a h1b h2a; do
  if ! in_host "$host" rdma link show "rxe-$host/1" >/dev/null 2>&1; then
    in_host "$host" rdma link add "rxe-$host" type rxe netdev "$host-eth0" || {
      echo "fairness.sh: cannot create soft-RoCE device rxe-$host on $host-eth0; is the rdma_rxe module available (modprobe rdma_rxe)?" >&2
      exit 1
    }
  fi
done

in_host h1b ib_write_bw -d rxe-h1b -D "$seconds" --report_gbits -p 18515 > "$out/server-intra.txt" &
in_host h1b ib_write_bw -d rxe-h1b -D "$seconds" --report_gbits -p 18516 > "$out/server-inter.txt" &
sleep 1
in_host h1a ib_write_bw -d rxe-h1a -D "$seconds" --report_gbits -p 18515 10.1.0.2 > "$out/intra.txt" &
in_host h2a ib_write_bw -d rxe-h2a -D "$seconds" --report_gbits -p 18516 10.1.0.2 > "$out/inter.txt" &
wait

report() { awk '/^ *[0-9]+ +[0-9]+/ { print $4 }' "$1" | tail -n1; }
echo "intra-DC (h1a -> h1b): $(report "$out/intra.txt") Gbit/s"
echo "inter-DC (h2a -> h1b): $(report "$out/inter.txt") Gbit/s"
