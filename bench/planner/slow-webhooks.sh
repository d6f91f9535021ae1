#!/usr/bin/env bash
# Issue 21's figure: the planner's heap while 45 connections each declare a 25 MB webhook body and send one byte a
# second (a body buffered at its declared length would take 1.1 GB). Runs SlowWebhookBodiesIT (the planner in this
# JVM) and prints its line. Usage: bench/planner/slow-webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q verify -pl planner-service -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SlowWebhookBodiesIT -Dfailsafe.failIfNoSpecifiedTests=false -Dspotless.check.skip=true
grep -h '^planner heap' planner-service/target/failsafe-reports/dev.ferry.planner.it.SlowWebhookBodiesIT-output.txt
