#!/usr/bin/env bash
# Issue 19's benchmark: one million rows in five tables, PostgreSQL to PostgreSQL on this machine, copied by
# `pg_dump --data-only | psql` and by migrate-data (COPY under the slot's exported snapshot, then Debezium) in the same
# run, BENCH_ROUNDS times each (3 by default), alternating, medians compared (the migrate-data figure is the whole step:
# checks, table creation, slot, copy, stream start, first lag); then the lag
# (p50/p99) while the source takes 1,000 writes per second, and verify-data over all rows. It starts Debian's
# PostgreSQL 15 (whose pg_dump matches the server) as the postgres user in a temporary folder, with wal_level=logical
# and trust authentication on localhost only, and autovacuum off: with it on, the vacuum of a million rows just loaded
# landed in the middle of a later round, on whichever copy ran then. Prints BENCH lines.
# Usage: bench/data-service/run.sh [rows] [writes-per-second] [stream-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PG=/usr/lib/postgresql/15/bin
PORT="${BENCH_PORT:-55432}"
DIR="$(mktemp -d /tmp/ferry-data-bench.XXXXXX)"
chown postgres "$DIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_postgres "$PG/initdb -D $DIR/data -U postgres -A trust" >/dev/null
as_postgres "$PG/pg_ctl -D $DIR/data -l $DIR/server.log -w start -o \"-p $PORT -k $DIR -c listen_addresses=localhost \
  -c wal_level=logical -c max_replication_slots=10 -c max_wal_senders=10 -c shared_buffers=256MB \
  -c max_wal_size=4GB -c autovacuum=off\"" >/dev/null
trap 'as_postgres "$PG/pg_ctl -D $DIR/data -m fast stop" >/dev/null; rm -rf "$DIR"' EXIT
./mvnw -B -ntp -q ${BENCH_MAVEN_FLAGS:-} verify -pl data-service -am \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=DataServiceBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true \
  -Dbench.port="$PORT" -Dbench.rows="${1:-1000000}" -Dbench.writesPerSecond="${2:-1000}" \
  -Dbench.streamSeconds="${3:-30}" -Dbench.rounds="${BENCH_ROUNDS:-3}" || true
grep -h '^BENCH' data-service/target/failsafe-reports/dev.ferry.data.bench.DataServiceBench-output.txt
