package dev.ferry.data.bench;

import static dev.ferry.data.bench.BenchLoad.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.steps.Migrations;
import dev.ferry.data.testing.MariaDb;
import dev.ferry.data.testing.Postgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's benchmark for a MariaDB source (bench/data-service/mariadb.sh): {@code bench.rows} rows in five tables of
 * a MariaDB 10.11 started here, copied by {@code mariadb-dump | mariadb} into a second MariaDB database (the same-engine
 * baseline) and by migrate-data into PostgreSQL (embedded, 17) in the same run; then the lag while the source takes
 * {@code bench.writesPerSecond} writes per second, and the verification of all rows across the two engines.
 */
class MariaDbBench {

    private static final List<String> TABLES = List.of("users", "messages", "contacts", "members", "media");

    @TempDir
    Path dataDir;

    private final BenchLoad.Asked asked = BenchLoad.Asked.fromProperties();
    private final int rows = asked.rows();

    @Test
    void snapshotAgainstMariaDbDumpThenLagUnderWritesThenVerification() throws Exception {
        try (var mariadb = MariaDb.start();
                var postgres = Postgres.withLogicalDecoding()) {
            seed(mariadb);
            postgres.createDatabase("bench_ferry");
            String client = "mariadb --no-defaults --socket=" + mariadb.folder().resolve("socket") + " -u root";
            long dumpStarted = System.nanoTime();
            DataServiceBench.shell(
                    "mariadb-dump --no-defaults --socket=" + mariadb.folder().resolve("socket")
                            + " -u root --single-transaction bench_src " + String.join(" ", TABLES) + " | " + client
                            + " bench_dump");
            Duration dump = Duration.ofNanos(System.nanoTime() - dumpStarted);
            System.out.printf("BENCH mariadb-dump | mariadb rows=%d seconds=%.1f%n", rows, seconds(dump));

            Credentials both = ref -> ref.equals("maria")
                    ? MariaDb.credentials().login(ref)
                    : Postgres.credentials().login(ref);
            var key = new StepKey("bench", "copy", "bench-service");
            try (var migrations = new Migrations(new Connections(both), new StepRecords(dataDir), Clock.systemUTC())) {
                long started = System.nanoTime();
                var status = migrations.migrate(
                        key, settings(mariadb, postgres), Instant.now().plus(Duration.ofHours(1)), s -> {});
                Duration snapshot = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf(
                        "BENCH migrate-data MariaDB->PostgreSQL snapshot rows=%d copied=%d seconds=%.1f"
                                + " ratio-to-mariadb-dump=%.2f%n",
                        rows, status.rowsCopied(), seconds(snapshot), seconds(snapshot) / seconds(dump));

                var load = asked.load(TABLES, () -> mariadb.connect("bench_src"));
                load.printLags(load.streamUnderWrites(migrations, key));

                long verifyStarted = System.nanoTime();
                var checked = migrations.verify(key, List.of(), 10_000, Duration.ofMinutes(10));
                System.out.printf(
                        "BENCH verify-data MariaDB->PostgreSQL rows=%d seconds=%.1f passed=%s%n",
                        checked.verification().rowsCompared(),
                        seconds(Duration.ofNanos(System.nanoTime() - verifyStarted)),
                        checked.verification().passed());
                assertThat(checked.verification().passed())
                        .as(checked.verification().problems())
                        .isTrue();
                migrations.rollback(key);
            }
        }
    }

    private void seed(MariaDb mariadb) {
        var sql = new StringBuilder("CREATE DATABASE bench_src; CREATE DATABASE bench_dump; USE bench_src;");
        for (String table : TABLES) {
            sql.append(" CREATE TABLE ")
                    .append(table)
                    .append(" (id bigint PRIMARY KEY, a text, b integer, c datetime(6), d decimal(12,2));")
                    .append(" INSERT INTO ")
                    .append(table)
                    .append(" SELECT seq, CONCAT(MD5(seq), ' ', REPEAT('x', seq % 40)), seq % 1000,")
                    .append(" TIMESTAMP '2024-01-01 00:00:00' - INTERVAL seq SECOND, seq / 7.0 FROM seq_1_to_")
                    .append(rows / TABLES.size())
                    .append(';');
        }
        mariadb.sql(sql.toString());
    }

    private static Map<String, String> settings(MariaDb mariadb, Postgres postgres) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", mariadb.url("bench_src"));
        settings.put("sourceCredentialRef", "maria");
        settings.put("targetDatabase", postgres.url("bench_ferry"));
        settings.put("targetCredentialRef", "db");
        for (int i = 0; i < TABLES.size(); i++) {
            settings.put("tables." + (i + 1), TABLES.get(i));
        }
        settings.put("maxLag", "5s");
        return settings;
    }
}
