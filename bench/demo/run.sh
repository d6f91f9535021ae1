#!/usr/bin/env bash
# Times `ferry demo` end to end (JVM start to exit) after the build, as a new user runs it.
# Usage: bench/demo/run.sh [runs] [commits]     (defaults: 3 runs, 3000 commits)
# Target (issue 7): under 60 s on 2 cores after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
commits=${2:-3000}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

# Build once, outside the timing (./ferry builds when the jar is missing or stale).
./ferry --version >/dev/null

echo "ferry demo, $commits commits, $runs runs, $(nproc) cores"
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  FERRY_NO_BUILD=1 ./ferry demo --data-dir "$data/demo" --commits "$commits" >"$data/out.txt" 2>"$data/err.txt" || {
    echo "run $i failed:"; tail -20 "$data/out.txt" "$data/err.txt"; exit 1; }
  end=$(date +%s.%N)
  generated=$(sed -n 's/.*generated the FitSync mono-repo.*(\(.*\))$/\1/p' "$data/out.txt")
  broker=$(sed -n 's/.*started a Kafka broker.*(\(.*\))$/\1/p' "$data/out.txt")
  services=$(sed -n 's/.*started planner-, repo-.*service (\([^)]*\)).*/\1/p' "$data/out.txt")
  migration=$(sed -n 's/.*Migration \*.*\* (fitsync-demo) succeeded in \([^.]*\)\..*/\1/p' "$data/out.txt")
  printf 'run %d: %.1f s wall (mono-repo %s, broker %s, services %s, migration %s)\n' \
    "$i" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$generated" "$broker" "$services" "$migration"
done
