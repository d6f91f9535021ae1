#!/usr/bin/env bash
# Issue 19's benchmark for a MariaDB source: rows in five tables of a MariaDB 10.11 (Debian's mariadbd, binlog in ROW
# format, started by the benchmark in a temporary folder) copied by `mariadb-dump | mariadb` into a second database of
# the same server and by migrate-data (its own copy under consistent-snapshot transactions at one binlog position into
# the target's COPY, then Debezium's MySQL connector on the binlog) into PostgreSQL (the embedded one the tests use) in
# the same run; then the lag (p50/p99) while the source takes 1,000 writes per second, and verify-data over all rows,
# checksums computed in each engine. Prints BENCH lines.
# Usage: bench/data-service/mariadb.sh [rows] [writes-per-second] [stream-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -ntp -q ${BENCH_MAVEN_FLAGS:-} verify -pl data-service -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=MariaDbBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true \
  -Dbench.rows="${1:-1000000}" -Dbench.writesPerSecond="${2:-1000}" \
  -Dbench.streamSeconds="${3:-30}" || true
grep -h '^BENCH' data-service/target/failsafe-reports/dev.ferry.data.bench.MariaDbBench-output.txt
