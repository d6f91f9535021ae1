#!/usr/bin/env bash
# Issue 5's benchmark: 100 services' deploy steps arriving at once against one GitOps repository (JGit over smart
# HTTP with basic auth, on localhost). Prints one BENCH line per round: time until every tag is pushed, commits made,
# pushes rejected. Usage: bench/deploy-service/run.sh [services] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q verify -pl deploy-service -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=WriteBackBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true \
  -Dbench.services="${1:-100}" -Dbench.rounds="${2:-3}"
grep -h '^BENCH' deploy-service/target/failsafe-reports/dev.ferry.deploy.jgit.WriteBackBench-output.txt
