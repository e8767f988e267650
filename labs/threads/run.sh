#!/usr/bin/env bash
# Lab: threads and cores under contention (handout: README.md here).
# Usage: labs/threads/run.sh [OUT]    OUT defaults to lab-threads; QUICK=1 runs a reduced lab;
# SPLITSIM names the command to run (default: the repository's launcher).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a splitsim <<< "${SPLITSIM:-$here/../../splitsim}"
out="${1:-lab-threads}"
if [ -n "${QUICK:-}" ]; then
  cores=1,4 threads=2 parallel_cores=1,2
else
  cores=1,2,4 threads=4 parallel_cores=1,2,4
fi
# Compute-bound threads that share nothing: the reference speed-up.
"${splitsim[@]}" sweep -q --set cpu.cores="$parallel_cores" --stat sim.seconds --stat cpu.ipc \
  --plot cpu.cores:sim.seconds --out "$out/parallel" "$here/../../programs/probes/bin/parallel" "$threads"
# Four threads multiplying matrices, with an ExCache that holds their data or one that does not:
# then the cores' misses queue behind each other on the fabric.
"${splitsim[@]}" sweep -q --set cpu.cores="$cores" --set excache.size=256KiB,64MiB \
  --stat sim.seconds --stat excache.misses --stat excache.miss_latency_mean_ns --stat fabric.queue_ps \
  --plot cpu.cores:sim.seconds:excache.size --out "$out/matmul" "$here/../../programs/bin/matmul" 4
echo "results: $out/parallel/results.csv, $out/matmul/results.csv; plots: $out/*/plot.png" >&2
