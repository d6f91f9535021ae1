#!/usr/bin/env bash
# buildah benchmark of build-service (issue 17): seven services with a RUN each on one shared busybox base, built by
# buildah and pushed to a real registry: cold, warm rebuild with no change, one service changed; then a Dockerfile
# without RUN built by Jib and by buildah in the same run. Needs Debian's docker-registry, buildah and busybox-static
# (apt-get install -y docker-registry buildah busybox-static) and root (buildah's chroot isolation). Prints a markdown
# table and writes it to build-service/target/bench/buildah-benchmark.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q verify -pl build-service -am \
  -Dit.test=BuildahBenchmark -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat build-service/target/bench/buildah-benchmark.md
