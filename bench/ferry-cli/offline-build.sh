#!/usr/bin/env bash
# Proves the sample monorepo's Dockerfiles build with build-service's in-process builder (Jib) and no network:
# generates the monorepo, then builds every service image into an OCI tarball, inside a network namespace with no
# interfaces when `unshare -n` is allowed (root), else normally.
#
#   bench/ferry-cli/offline-build.sh [COMMITS]      (default 3000)
set -euo pipefail
COMMITS=${1:-3000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/ferry-bench-cli-offline}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== build ferry-cli and build-service"
(cd "$ROOT" && ./mvnw -B -q -ntp -pl ferry-cli,build-service -am package -DskipTests -Dspotless.check.skip=true)
(cd "$ROOT" && ./mvnw -B -q -ntp -pl ferry-cli dependency:build-classpath -Dmdep.outputFile="$WORK/cli.txt")
(cd "$ROOT" && ./mvnw -B -q -ntp -pl build-service dependency:build-classpath -Dmdep.outputFile="$WORK/build.txt")
CLI_CP="$ROOT/ferry-cli/target/classes:$(cat "$WORK/cli.txt")"
BUILD_CP="$ROOT/build-service/target/classes:$(cat "$WORK/build.txt")"
"${JAVA%/java}/javac" -d "$WORK/classes" -cp "$CLI_CP" "$HERE/GenerateSample.java"
"${JAVA%/java}/javac" -d "$WORK/classes" -cp "$BUILD_CP" "$HERE/OfflineBuildCheck.java"

"$JAVA" -cp "$WORK/classes:$CLI_CP" GenerateSample "$WORK/fitsync" "$COMMITS" | head -1
HEAD=$(git -C "$WORK/fitsync" rev-parse HEAD)
PATHS=services/api-gateway,services/user-service,services/training-service,services/schedule-service
PATHS=$PATHS,services/progress-service,services/notification-service,frontend

RUN=()
if unshare -n true 2>/dev/null; then
  RUN=(unshare -n)
  echo "== build the images with no network (unshare -n)"
else
  echo "== build the images (unshare -n not allowed here, so the network is not cut off)"
fi
"${RUN[@]}" "$JAVA" -cp "$WORK/classes:$BUILD_CP" dev.ferry.build.domain.OfflineBuildCheck \
  "$WORK/fitsync" "$WORK/images" "$HEAD" "$PATHS" 2>/dev/null
ls -l "$WORK/images"/*.tar
