#!/usr/bin/env bash
# Lab: fabric bandwidth and NIC overhead against ExCache miss latency and run time (handout: README.md here).
# Usage: labs/fabric/run.sh [OUT]    OUT defaults to lab-fabric; QUICK=1 runs a reduced lab;
# SPLITSIM names the command to run (default: the repository's launcher).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a splitsim <<< "${SPLITSIM:-$here/../../splitsim}"
out="${1:-lab-fabric}"
if [ -n "${QUICK:-}" ]; then
  bandwidths=10Gbps,100Gbps nics=100ns,2us
else
  bandwidths=10Gbps,25Gbps,40Gbps,100Gbps nics=100ns,180ns,500ns,1us,2us
fi
# A 256 KiB ExCache under a 1 MiB scan: nearly every page touch is a remote miss.
"${splitsim[@]}" sweep -q --set excache.size=256KiB --set fabric.link_bandwidth="$bandwidths" \
  --set fabric.nic_processing="$nics" \
  --stat excache.misses --stat excache.miss_latency_mean_ns --stat sim.seconds --stat fabric.bytes \
  --plot fabric.nic_processing:excache.miss_latency_mean_ns:fabric.link_bandwidth \
  --out "$out" "$here/../../programs/bin/pattern" scan 1024 4
echo "results: $out/results.csv; plot: $out/plot.png" >&2
