#!/usr/bin/env bash
# Ferry's one-pass split of every service against git filter-repo once per service, on one generated monorepo.
#
#   bench/repo-split/run.sh [COMMITS] [SERVICES]      (defaults: 50000 commits, 20 services)
#
# Prints, in one run: filter-repo's time per service and summed, Ferry's time for all services in one walk and its peak
# heap (run with -Xmx1g, so finishing at all proves it fits in 1 GB), whether both produced the same head commit per
# service, and an incremental re-split after 10 new commits. Needs JAVA_HOME (21+), git and git-filter-repo.
# FERRY_ONLY=1 skips filter-repo (to compare Ferry's own time before and after a change).
set -euo pipefail
COMMITS=${1:-50000}
SERVICES=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/ferry-bench-repo-split}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
mkdir -p "$WORK"

echo "== build repo-service"
# Compiled in the reactor, never installed: ~/.m2 is shared, and the classpath names the modules' target/classes.
(cd "$ROOT" && ./mvnw -B -q -ntp -o -pl repo-service -am compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$WORK/classpath.txt")
CP="$ROOT/repo-service/target/classes:$(cat "$WORK/classpath.txt")"

SOURCE="$WORK/monorepo-$COMMITS-$SERVICES.git"
if [ ! -d "$SOURCE" ]; then
  echo "== generate $COMMITS commits over $SERVICES services"
  git init -q --bare --initial-branch=main "$SOURCE"
  python3 "$HERE/generate_monorepo.py" "$COMMITS" "$SERVICES" 1 | git -C "$SOURCE" fast-import --quiet
  git -C "$SOURCE" gc -q
fi
echo "source: $(git -C "$SOURCE" rev-list --count main) commits, $(git -C "$SOURCE" rev-list --merges --count main) merges"
PATHS=()
for i in $(seq 0 $((SERVICES - 1))); do PATHS+=("services/svc-$(printf %02d "$i")"); done

now() { date +%s.%N; }
FR_TOTAL=0
declare -A FR_HEAD
if [ "${FERRY_ONLY:-0}" = 1 ]; then PATHS_FR=(); else PATHS_FR=("${PATHS[@]}"); fi
echo "== git filter-repo $(git filter-repo --version), once per service"
for path in "${PATHS_FR[@]}"; do
  clone="$WORK/fr-$(basename "$path").git"
  rm -rf "$clone"
  git clone -q --bare --no-local --single-branch --branch main "$SOURCE" "$clone"
  t0=$(now)
  git -C "$clone" filter-repo --quiet --force --subdirectory-filter "$path" > /dev/null 2>&1
  t1=$(now)
  secs=$(echo "$t1 - $t0" | bc)
  FR_TOTAL=$(echo "$FR_TOTAL + $secs" | bc)
  FR_HEAD[$path]=$(git -C "$clone" rev-parse main)
  printf '  %-22s %6.2f s\n' "$path" "$secs"
done
printf 'filter-repo sum: %.2f s\n' "$FR_TOTAL"

echo "== Ferry, all services in one walk (-Xmx1g)"
rm -rf "$WORK/ferry-work.git" "$WORK/ferry.state"
t0=$(now)
"$JAVA" -Xmx1g -cp "$CP" dev.ferry.repo.SplitCommand "$SOURCE" main "$WORK/ferry-work.git" "$WORK/ferry.state" "${PATHS[@]}" > "$WORK/ferry.out"
t1=$(now)
FERRY=$(echo "$t1 - $t0" | bc)
tail -1 "$WORK/ferry.out"
printf 'Ferry wall time (JVM start included): %.2f s\n' "$FERRY"
printf 'speed-up vs filter-repo sum: %.1fx\n' "$(echo "$FR_TOTAL / $FERRY" | bc -l)"
SAME=0
while read -r path head _; do
  [ "$path" = split ] && continue
  [ "${FR_HEAD[$path]:-}" = "$head" ] && SAME=$((SAME + 1))
done < "$WORK/ferry.out"
[ "${FERRY_ONLY:-0}" = 1 ] || echo "identical head SHA to filter-repo: $SAME of $SERVICES services"

echo "== 10 new commits, incremental re-split"
python3 "$HERE/generate_monorepo.py" --append 10 "$SERVICES" 2 | git -C "$SOURCE" fast-import --quiet --force
t0=$(now)
"$JAVA" -Xmx1g -cp "$CP" dev.ferry.repo.SplitCommand "$SOURCE" main "$WORK/ferry-work.git" "$WORK/ferry.state" "${PATHS[@]}" > "$WORK/ferry-incremental.out"
t1=$(now)
tail -1 "$WORK/ferry-incremental.out"
printf 'incremental wall time (JVM start included): %.2f s\n' "$(echo "$t1 - $t0" | bc)"
# The appended commits stay in the source for the next run's incremental step; regenerate by deleting $SOURCE.
git -C "$SOURCE" update-ref refs/heads/main "$(git -C "$SOURCE" rev-parse 'main~10')"
