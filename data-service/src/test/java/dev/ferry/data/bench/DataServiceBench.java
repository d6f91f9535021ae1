package dev.ferry.data.bench;

import static dev.ferry.data.bench.BenchLoad.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.steps.Migrations;
import dev.ferry.data.testing.Statements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's benchmark on a PostgreSQL server given by {@code bench.port} (bench/data-service/run.sh starts Debian's,
 * whose pg_dump matches it): {@code bench.rows} rows in five tables, copied by {@code pg_dump --data-only | psql} and by
 * migrate-data into two fresh databases in the same run, {@code bench.rounds} times each, alternating (after a one-row
 * warm-up step, timed apart: data-service is a long-running process); then the lag while the source takes
 * {@code bench.writesPerSecond} writes per second, and the verification of all rows. Prints BENCH lines.
 */
class DataServiceBench {

    private static final List<String> TABLES = List.of("users", "messages", "contacts", "members", "media");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @TempDir
    Path dataDir;

    private final int port = Integer.getInteger("bench.port", 55432);
    private final BenchLoad.Asked asked = BenchLoad.Asked.fromProperties();
    private final int rows = asked.rows();

    @Test
    void snapshotAgainstPgDumpThenLagUnderWritesThenVerification() throws Exception {
        for (String database : List.of("bench_src", "bench_dump", "bench_ferry", "bench_warm", "bench_warm_target")) {
            run("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)", "CREATE DATABASE " + database);
        }
        seed();
        // The source's first reads would otherwise set hint bits and its visibility map in whichever copy came first.
        run("bench_src", "VACUUM (ANALYZE) " + String.join(", ", TABLES), "CHECKPOINT");
        shell("pg_dump --schema-only " + tableFlags() + " -h localhost -p " + port + " -U postgres bench_src"
                + " | psql -q -h localhost -p " + port + " -U postgres bench_dump");

        StepKey key = null;
        try (var migrations =
                new Migrations(new Connections(credentials()), new StepRecords(dataDir), Clock.systemUTC())) {
            warmUp(migrations);
            // Rounds alternate the two copies, so a burst of load from elsewhere on a shared machine lands on both;
            // the medians are compared. Every round but the last undoes its step (its tables and slot dropped).
            var dumps = new ArrayList<Double>();
            var steps = new ArrayList<Double>();
            for (int round = 1; round <= ROUNDS; round++) {
                // Each copy starts with the dirty buffers of the one before written out, so neither pays for the other.
                run("bench_dump", "TRUNCATE " + String.join(", ", TABLES), "CHECKPOINT");
                long dumpStarted = System.nanoTime();
                shell("pg_dump --data-only " + tableFlags() + " -h localhost -p " + port + " -U postgres bench_src"
                        + " | psql -q -h localhost -p " + port + " -U postgres bench_dump");
                dumps.add(seconds(Duration.ofNanos(System.nanoTime() - dumpStarted)));

                key = new StepKey("bench", "copy-" + round, "bench-service");
                run("bench_src", "CHECKPOINT");
                long started = System.nanoTime();
                var status = migrations.migrate(key, settings(), Instant.now().plus(Duration.ofHours(1)), s -> {});
                steps.add(seconds(Duration.ofNanos(System.nanoTime() - started)));
                System.out.printf(
                        "BENCH round %d: pg_dump --data-only | psql %.2f s, migrate-data %.2f s (copied %d of %d)%n",
                        round, dumps.getLast(), steps.getLast(), status.rowsCopied(), rows);
                if (round < ROUNDS) {
                    migrations.rollback(key);
                }
            }
            double dump = median(dumps);
            double step = median(steps);
            System.out.printf("BENCH pg_dump --data-only | psql rows=%d median-seconds=%.2f%n", rows, dump);
            System.out.printf(
                    "BENCH migrate-data snapshot rows=%d median-seconds=%.2f ratio-to-pg_dump=%.2f%n",
                    rows, step, step / dump);

            var load = asked.load(TABLES, () -> connect("bench_src"));
            load.printLags(load.streamUnderWrites(migrations, key));

            long verifyStarted = System.nanoTime();
            var checked = migrations.verify(key, List.of(), 10_000, Duration.ofMinutes(10));
            Duration verify = Duration.ofNanos(System.nanoTime() - verifyStarted);
            System.out.printf(
                    "BENCH verify-data rows=%d seconds=%.1f passed=%s%n",
                    checked.verification().rowsCompared(),
                    seconds(verify),
                    checked.verification().passed());
            assertThat(checked.verification().passed())
                    .as(checked.verification().problems())
                    .isTrue();
            migrations.rollback(key);
        }
    }

    /**
     * One row copied first, so the measured step runs in a JVM that has loaded Debezium and the drivers, as a
     * data-service that has been up for a while does; its time is the cold start, printed apart.
     */
    private void warmUp(Migrations migrations) {
        run("bench_warm", "CREATE TABLE warm (id bigint PRIMARY KEY, a text)", "INSERT INTO warm VALUES (1, 'a')");
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", url("bench_warm"));
        settings.put("sourceCredentialRef", "bench");
        settings.put("targetDatabase", url("bench_warm_target"));
        settings.put("targetCredentialRef", "bench");
        settings.put("tables.1", "warm");
        var key = new StepKey("bench", "warm-up", "bench-service");
        long started = System.nanoTime();
        migrations.migrate(key, settings, Instant.now().plus(Duration.ofMinutes(5)), s -> {});
        System.out.printf(
                "BENCH migrate-data cold start (first step in the JVM, 1 row) seconds=%.1f%n",
                seconds(Duration.ofNanos(System.nanoTime() - started)));
        migrations.rollback(key);
    }

    private static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void seed() {
        long perTable = rows / TABLES.size();
        for (String table : TABLES) {
            run(
                    "bench_src",
                    "CREATE TABLE " + table
                            + " (id bigint PRIMARY KEY, a text, b integer, c timestamptz, d numeric(12,2))",
                    "INSERT INTO " + table + " SELECT g, md5(g::text) || ' ' || repeat('x', g % 40), g % 1000,"
                            + " now() - g * interval '1 second', g / 7.0 FROM generate_series(1, " + perTable + ") g");
        }
    }

    private Map<String, String> settings() {
        var settings = new LinkedHashMap<String, String>();
        settings.put("sourceDatabase", url("bench_src"));
        settings.put("sourceCredentialRef", "bench");
        settings.put("targetDatabase", url("bench_ferry"));
        settings.put("targetCredentialRef", "bench");
        for (int i = 0; i < TABLES.size(); i++) {
            settings.put("tables." + (i + 1), TABLES.get(i));
        }
        settings.put("maxLag", "5s");
        return settings;
    }

    private static Credentials credentials() {
        return ref -> Optional.of(new Credentials.Login("postgres", "unused-trust-auth"));
    }

    private String tableFlags() {
        return String.join(" ", TABLES.stream().map(t -> "-t " + t).toList());
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "");
    }

    private void run(String database, String... statements) {
        Statements.run(() -> connect(database), statements);
    }

    static void shell(String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bench-shell", ".log");
        int exit = new ProcessBuilder("/bin/bash", "-o", "pipefail", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command + " exited with " + exit + ": " + Files.readString(log));
        }
    }
}
