#!/usr/bin/env bash
# How long the demo's sample monorepo takes to generate, and whether a real split agrees with it.
#
#   bench/sample-monorepo/run.sh [COMMITS]      (default 3000, what `ferry demo` uses)
#
# Generates the FitSync-like monorepo twice in fresh JVMs (the first pays JGit's one-time file-system probing), prints
# wall and CPU time of the generation and checks that both runs give the same head SHA. With git-filter-repo
# installed, it also splits services/user-service and compares the kept commits with the generator's count. Needs
# JAVA_HOME (21+) and git.
set -euo pipefail
COMMITS=${1:-3000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/ferry-bench-sample}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== build ferry-demo (the sample generator's module)"
# One reactor run, so that the class path names the modules' jars just built; each module writes its own file.
(cd "$ROOT" && ./mvnw -B -q -ntp -pl ferry-demo -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt)
CP="$ROOT/ferry-demo/target/classes:$(cat "$ROOT/ferry-demo/target/classpath.txt")"
"${JAVA%/java}/javac" -d "$WORK/classes" -cp "$CP" "$HERE/GenerateSample.java"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for run in 1 2; do
  echo "== generate $COMMITS commits, run $run"
  "$JAVA" -cp "$WORK/classes:$CP" GenerateSample "$WORK/fitsync-$run" "$COMMITS" | tee "$WORK/run-$run.txt"
done
head1=$(sed -n 's/.*head=\([0-9a-f]*\).*/\1/p' "$WORK/run-1.txt")
head2=$(sed -n 's/.*head=\([0-9a-f]*\).*/\1/p' "$WORK/run-2.txt")
[ "$head1" = "$head2" ] && echo "same head in both runs: $head1" || { echo "DIFFERENT heads: $head1 $head2"; exit 1; }
echo "git log --oneline -- services/user-service: $(git -C "$WORK/fitsync-1" log --oneline -- services/user-service | wc -l)"

if git filter-repo --version >/dev/null 2>&1; then
  echo "== git filter-repo $(git filter-repo --version) --subdirectory-filter services/user-service"
  git clone -q --bare --no-local "$WORK/fitsync-1" "$WORK/split.git"
  git -C "$WORK/split.git" filter-repo --quiet --force --subdirectory-filter services/user-service > /dev/null 2>&1
  echo "kept: $(git -C "$WORK/split.git" rev-list --count main) commits," \
       "of which $(git -C "$WORK/split.git" rev-list --merges --count main) merges"
  echo "(filter-repo also keeps --no-ff merges of branches that touched only this service and whose first parent"
  echo " was the fork point; git log's path simplification drops those, so its count is lower by that many)"
fi
