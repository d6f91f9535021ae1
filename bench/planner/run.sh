#!/usr/bin/env bash
# Planner overhead benchmark: an N-service, 4-phase plan on the in-JVM Kafka broker and the embedded PostgreSQL,
# with workers that answer every phase.started at once (burst) or one result at a time (paced).
# Usage: bench/planner/run.sh [services=500] [burst|paced]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break
  done
fi
# In the reactor, not installed: the other modules resolve to their target/classes, and ~/.m2 stays as it was. Every
# module writes the classpath file in turn; planner-service, built last, writes it last.
./mvnw -B -ntp -q ${BENCH_MAVEN_FLAGS:-} -pl planner-service -am test-compile dependency:build-classpath \
  -Dspotless.check.skip -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/planner-service/target/bench.classpath" >/dev/null
cp="planner-service/target/test-classes:planner-service/target/classes:$(cat planner-service/target/bench.classpath)"
"$JAVA_HOME/bin/java" -Xmx2g -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.ferry.contracts.avro \
  -Dlogging.level.root=WARN -cp "$cp" dev.ferry.planner.it.PlannerBench "${1:-500}" "${2:-burst}" 2>/dev/null | grep "^services="
