#!/usr/bin/env bash
# Proves the sample monorepo's Dockerfiles build with build-service's in-process builder (Jib) and no network:
# generates the monorepo, then builds every service image into an OCI tarball, inside a network namespace with no
# interfaces when `unshare -n` is allowed (root), else normally.
#
#   bench/sample-monorepo/offline-build.sh [COMMITS]      (default 3000)
set -euo pipefail
COMMITS=${1:-3000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/ferry-bench-sample-offline}
JAVA=${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java
rm -rf "$WORK" && mkdir -p "$WORK"

echo "== build ferry-demo (the sample generator's module) and build-service"
# One reactor run, so that the class paths name the modules' jars just built; each module writes its own file.
(cd "$ROOT" && ./mvnw -B -q -ntp -pl ferry-demo -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/classpath.txt)
CLI_CP="$ROOT/ferry-demo/target/classes:$(cat "$ROOT/ferry-demo/target/classpath.txt")"
BUILD_CP="$ROOT/build-service/target/classes:$(cat "$ROOT/build-service/target/classpath.txt")"
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
