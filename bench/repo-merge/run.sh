#!/usr/bin/env bash
# Ferry's merge of N repositories into a monorepo against what people do by hand: git filter-repo
# --to-subdirectory-filter once per repository, then git merge --allow-unrelated-histories of each into the monorepo.
#
#   bench/repo-merge/run.sh [REPOSITORIES] [COMMITS]      (defaults: 20 repositories of 2500 commits)
#
# Prints both times (filter-repo and git merge separately), Ferry's time with and without JVM start, the speed-up, how
# many rewritten histories are SHA-identical to filter-repo's, and whether the merged trees are equal. Ferry runs twice,
# once before the by-hand flow and once after it, so that a load that changes during the run (the machine is shared)
# weighs on both sides; the speed-up is taken from the slower of Ferry's two runs. The 1-minute load average is printed
# before each part. The repositories
# come from bench/repo-split's generator (5 directories each, feature branches merged back). Needs JAVA_HOME (21+), git
# and git-filter-repo.
set -euo pipefail
REPOS=${1:-20}
COMMITS=${2:-2500}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/ferry-bench-repo-merge}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
mkdir -p "$WORK"

echo "== build repo-service"
# Compiled in the reactor, never installed: ~/.m2 is shared, and the classpath names the modules' target/classes.
(cd "$ROOT" && ./mvnw -B -q -ntp -o -pl repo-service -am compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$WORK/classpath.txt")
CP="$ROOT/repo-service/target/classes:$(cat "$WORK/classpath.txt")"

echo "== $REPOS repositories of $COMMITS commits"
SOURCES=()
for i in $(seq -w 1 "$REPOS"); do
  source="$WORK/repo-$i-$COMMITS.git"
  if [ ! -d "$source" ]; then
    git init -q --bare --initial-branch=main "$source"
    python3 "$ROOT/bench/repo-split/generate_monorepo.py" "$COMMITS" 5 "$((100 + 10#$i))" | git -C "$source" fast-import --quiet
    git -C "$source" gc -q
  fi
  SOURCES+=("$source")
done
monorepo() { # a fresh monorepo: one commit with a README and an existing service
  rm -rf "$1" && git init -q --bare --initial-branch=main "$1"
  local tmp; tmp=$(mktemp -d)
  git -C "$tmp" init -q --initial-branch=main
  mkdir -p "$tmp/services/existing" && echo monorepo > "$tmp/README.md" && echo app > "$tmp/services/existing/app.py"
  git -C "$tmp" add . && git -C "$tmp" -c user.name=Bench -c user.email=bench@example.com commit -q -m "monorepo"
  git -C "$tmp" push -q "$1" main && rm -rf "$tmp"
}
dir_of() { printf 'repos/r-%s' "$1"; }
now() { date +%s.%N; }
load() { printf '(load average %s)' "$(cut -d' ' -f1 /proc/loadavg)"; }
ARGS=()
for i in $(seq -w 1 "$REPOS"); do ARGS+=("$WORK/repo-$i-$COMMITS.git=$(dir_of "$i")"); done
ferry() { # one merge of every repository into a fresh monorepo; prints its wall time, JVM start included
  monorepo "$WORK/ferry-monorepo.git"
  rm -rf "$WORK/ferry-work.git"
  local t0 t1
  t0=$(now)
  "$JAVA" -Xmx1g -cp "$CP" dev.ferry.repo.MergeCommand "$WORK/ferry-monorepo.git" main "$WORK/ferry-work.git" \
    "${ARGS[@]}" > "$WORK/ferry.out"
  t1=$(now)
  echo "$t1 - $t0" | bc
}

echo "== Ferry, one merge of all $REPOS repositories, before the by-hand flow $(load)"
FERRY_BEFORE=$(ferry)
tail -1 "$WORK/ferry.out"
printf 'Ferry wall time (JVM start included): %.2f s\n' "$FERRY_BEFORE"

echo "== by hand: git filter-repo $(git filter-repo --version) per repository, then git merge $(load)"
FR=0
declare -A FR_HEAD
for i in $(seq -w 1 "$REPOS"); do
  clone="$WORK/fr-$i.git"
  rm -rf "$clone"
  git clone -q --bare --no-local --single-branch --branch main "$WORK/repo-$i-$COMMITS.git" "$clone"
  t0=$(now)
  git -C "$clone" filter-repo --quiet --force --to-subdirectory-filter "$(dir_of "$i")" > /dev/null 2>&1
  t1=$(now)
  FR=$(echo "$FR + $t1 - $t0" | bc)
  FR_HEAD[$(dir_of "$i")]=$(git -C "$clone" rev-parse main)
done
monorepo "$WORK/by-hand-origin.git"
rm -rf "$WORK/by-hand" && git clone -q "$WORK/by-hand-origin.git" "$WORK/by-hand"
t0=$(now)
for i in $(seq -w 1 "$REPOS"); do
  git -C "$WORK/by-hand" fetch -q "$WORK/fr-$i.git" "main:refs/incoming/$i"
  git -C "$WORK/by-hand" -c user.name=Bench -c user.email=bench@example.com \
    merge -q --no-edit --allow-unrelated-histories "refs/incoming/$i"
done
t1=$(now)
MERGE=$(echo "$t1 - $t0" | bc)
# Ferry's time includes pushing the merged branch to the monorepo; people push theirs too.
t0=$(now)
git -C "$WORK/by-hand" push -q origin HEAD:main
t1=$(now)
PUSH=$(echo "$t1 - $t0" | bc)
BY_HAND=$(echo "$FR + $MERGE" | bc)
BY_HAND_PUSHED=$(echo "$BY_HAND + $PUSH" | bc)
printf 'filter-repo sum: %.2f s, git fetch + merge: %.2f s, git push: %.2f s\n' "$FR" "$MERGE" "$PUSH"
printf 'by hand without the push: %.2f s, with it: %.2f s\n' "$BY_HAND" "$BY_HAND_PUSHED"

echo "== Ferry again, after the by-hand flow $(load)"
FERRY_AFTER=$(ferry)
tail -1 "$WORK/ferry.out"
printf 'Ferry wall time (JVM start included): %.2f s\n' "$FERRY_AFTER"
FERRY=$(echo "if ($FERRY_BEFORE > $FERRY_AFTER) $FERRY_BEFORE else $FERRY_AFTER" | bc)
printf 'speed-up vs by hand (filter-repo + git merge), slower Ferry run: %.1fx; with both pushing: %.1fx %s\n' \
  "$(echo "$BY_HAND / $FERRY" | bc -l)" "$(echo "$BY_HAND_PUSHED / $FERRY" | bc -l)" "$(load)"
SAME=0
while read -r directory head; do
  [ "$directory" = merge ] && continue
  [ "${FR_HEAD[$directory]}" = "$head" ] && SAME=$((SAME + 1))
done < <(grep -v '^merge ' "$WORK/ferry.out")
echo "rewritten histories SHA-identical to filter-repo's: $SAME of $REPOS"
if [ "$(git -C "$WORK/ferry-monorepo.git" rev-parse 'main^{tree}')" = "$(git -C "$WORK/by-hand" rev-parse 'HEAD^{tree}')" ]; then
  echo "merged tree identical to git merge's: yes"
else
  echo "merged tree identical to git merge's: NO"
fi
