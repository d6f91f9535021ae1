#!/usr/bin/env bash
# Push benchmark of build-service (issue 4): seven service images on one ~50 MB base, cold / warm / one changed.
# Needs Debian's docker-registry (apt-get install -y docker-registry). Prints a markdown table and writes it to
# build-service/target/bench/push-benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q verify -pl build-service -am \
  -Dit.test=PushBenchmark -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat build-service/target/bench/push-benchmark.md
