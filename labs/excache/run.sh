#!/usr/bin/env bash
# Lab: ExCache size and replacement policy on two access patterns (the handout is README.md here).
# Usage: labs/excache/run.sh [OUT]    OUT defaults to lab-excache; QUICK=1 runs a reduced lab;
# SPLITSIM names the command to run (default: the repository's launcher).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
read -r -a splitsim <<< "${SPLITSIM:-$here/../../splitsim}"
out="${1:-lab-excache}"
if [ -n "${QUICK:-}" ]; then
  sizes=256KiB,768KiB,2MiB policies=lru,random
else
  sizes=128KiB,256KiB,512KiB,768KiB,1MiB,2MiB policies=lru,fifo,clock,random
fi
# A 1 MiB working set (256 pages): "scan" walks it 4 times in order, "hot" touches it 8 times a page
# at random, 9 of 10 touches among its first 25 pages.
for run in "scan 4" "hot 8"; do
  set -- $run
  "${splitsim[@]}" sweep -q --set excache.size="$sizes" --set excache.policy="$policies" \
    --stat excache.misses --stat excache.hits --stat sim.seconds \
    --plot excache.size:excache.misses:excache.policy --out "$out/$1" "$here/../../programs/bin/pattern" "$1" 1024 "$2"
done
echo "results: $out/scan/results.csv, $out/hot/results.csv; plots: $out/*/plot.png" >&2
