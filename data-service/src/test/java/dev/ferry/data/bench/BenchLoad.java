package dev.ferry.data.bench;

import dev.ferry.data.domain.StepKey;
import dev.ferry.data.steps.Migrations;
import dev.ferry.data.testing.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' write load and its lag samples: single-row inserts and updates across the tables at a steady share
 * of the rate (four writers), each its own transaction, while the stream's lag is measured every 200 ms. The tables
 * are {@code (id, a text, b integer, c timestamp, d decimal)} with {@code rows} rows in all.
 */
record BenchLoad(
        int rows, int writesPerSecond, Duration streamFor, List<String> tables, Writer.ConnectionSource source) {

    private static final int WRITERS = 4;

    /** What the benchmark's script asks for: {@code bench.rows}, {@code bench.writesPerSecond}, {@code bench.streamSeconds}. */
    record Asked(int rows, int writesPerSecond, Duration streamFor) {
        static Asked fromProperties() {
            return new Asked(
                    Integer.getInteger("bench.rows", 1_000_000),
                    Integer.getInteger("bench.writesPerSecond", 1000),
                    Duration.ofSeconds(Long.getLong("bench.streamSeconds", 30)));
        }

        BenchLoad load(List<String> tables, Writer.ConnectionSource source) {
            return new BenchLoad(rows, writesPerSecond, streamFor, tables, source);
        }
    }

    /** The lag samples in milliseconds, sorted. */
    List<Long> streamUnderWrites(Migrations migrations, StepKey key) throws InterruptedException {
        var running = new AtomicBoolean(true);
        var writes = new AtomicLong();
        // One connection's round trips cannot reach the rate alone on a shared machine: four writers share it.
        var writers = new ArrayList<Thread>();
        for (int i = 0; i < WRITERS; i++) {
            long firstNewId = rows / tables.size() + 1 + i * 10_000_000L;
            writers.add(Thread.ofPlatform().start(() -> write(running, writes, firstNewId)));
        }
        var lags = new ArrayList<Long>();
        Instant end = Instant.now().plus(streamFor);
        while (Instant.now().isBefore(end)) {
            migrations.measureLag(key);
            Thread.sleep(200);
            migrations.status(key).lag().ifPresent(lag -> lags.add(lag.toMillis()));
        }
        running.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
        System.out.printf("BENCH writes-done=%d%n", writes.get());
        Collections.sort(lags);
        return lags;
    }

    private void write(AtomicBoolean running, AtomicLong writes, long firstNewId) {
        long perTable = rows / tables.size();
        long next = firstNewId;
        long done = 0;
        try (Connection connection = source.open();
                var statement = connection.createStatement()) {
            long started = System.nanoTime();
            while (running.get()) {
                var random = ThreadLocalRandom.current();
                String table = tables.get(random.nextInt(tables.size()));
                if (random.nextBoolean()) {
                    statement.execute("INSERT INTO " + table + " VALUES (" + (next++) + ", 'new', 1, now(), 1.5)");
                } else {
                    statement.execute(
                            "UPDATE " + table + " SET b = b + 1 WHERE id = " + (1 + random.nextLong(perTable)));
                }
                writes.incrementAndGet();
                long due = started + ++done * 1_000_000_000L * WRITERS / writesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the lag line. */
    void printLags(List<Long> lags) {
        System.out.printf(
                "BENCH streaming writesPerSecond=%d seconds=%d lag-samples=%d lag-p50-ms=%d lag-p99-ms=%d lag-max-ms=%d%n",
                writesPerSecond,
                streamFor.toSeconds(),
                lags.size(),
                percentile(lags, 50),
                percentile(lags, 99),
                lags.isEmpty() ? -1 : lags.getLast());
    }

    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
