#!/usr/bin/env bash
# Issue 20's figure: the time from the failed evaluation to the pushed commit that sets the new backend back to 0 %,
# measured by ShiftTrafficIT's failing shift (real Kafka, real git over smart HTTP, real Prometheus on localhost).
# Prints one BENCH line. Usage: bench/deploy-service/traffic-rollback.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q verify -pl deploy-service -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='ShiftTrafficIT#anErrorRatioRaisedAt25PercentSetsZeroAtOnceAndFailsWithTheQuerysValues' \
  -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
grep -h '^BENCH' deploy-service/target/failsafe-reports/dev.ferry.deploy.traffic.kafka.ShiftTrafficIT-output.txt
