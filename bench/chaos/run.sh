#!/usr/bin/env bash
# The chaos test's long form: every Ferry service as its own process (two planners on one PostgreSQL, two replicas of
# repo-, build- and deploy-service, the notifier), demo migrations one after the other, services killed with SIGKILL
# at random and started again. Prints the figures line: runs, kills, effects checked, lost, duplicated, dead-lettered.
#
#   bench/chaos/run.sh [RUNS] [KILLS] [SEED]     (defaults: 20 runs, 100 kills, a new seed)
#
# CI runs the short form (one run, six kills) as part of `./mvnw verify` (ferry-demo's ChaosIT).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-20}"
KILLS="${2:-100}"
SEED_ARG=()
[ -n "${3:-}" ] && SEED_ARG=("-Dferry.chaos.seed=$3")
./mvnw -B -ntp ${BENCH_MAVEN_FLAGS:-} verify -pl ferry-demo -am \
  -Dtest=none -Dit.test=ChaosIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dferry.chaos.runs="$RUNS" -Dferry.chaos.kills="$KILLS" "${SEED_ARG[@]}" >&2
grep -h "ChaosIT" ferry-demo/target/failsafe-reports/dev.ferry.demo.ChaosIT-output.txt
