package dev.ferry.data.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps writing to the source's users table while a migration runs, as the monolith would: inserts, updates of
 * existing rows and deletes of rows it inserted, each its own transaction.
 */
public final class Writer implements AutoCloseable {

    private final ConnectionSource source;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong writes = new AtomicLong();
    private final Thread thread;
    private volatile Throwable failure;

    /** Opens the connection the writer writes through. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public Writer(Postgres postgres, String database, long firstNewId) {
        this(() -> postgres.connect(database), firstNewId);
    }

    /** Writes through {@code source}'s connection to a users table with id, email, name and active columns. */
    public Writer(ConnectionSource source, long firstNewId) {
        this.source = source;
        this.thread = Thread.ofPlatform().name("source-writer").start(() -> write(firstNewId));
    }

    private void write(long firstNewId) {
        long next = firstNewId;
        try (Connection connection = source.open();
                var statement = connection.createStatement()) {
            while (running.get()) {
                var random = ThreadLocalRandom.current();
                long existing = 1 + random.nextLong(next - 1);
                switch (random.nextInt(4)) {
                    case 0, 1 ->
                        statement.execute("INSERT INTO users (id, email, name, active) VALUES (" + next++ + ", 'new"
                                + next + "@example.com', 'New " + next + "', true)");
                    case 2 ->
                        statement.execute("UPDATE users SET name = 'Renamed " + random.nextInt(1000) + "', active = "
                                + random.nextBoolean() + " WHERE id = " + existing);
                    default -> {
                        // Only rows it inserted itself, so no message of the seeded users loses its user.
                        if (next > firstNewId) {
                            statement.execute("DELETE FROM users WHERE id = "
                                    + (firstNewId + random.nextLong(next - firstNewId)));
                        }
                    }
                }
                writes.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    public long writes() {
        return writes.get();
    }

    /** Stops writing; fails if a write failed. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("the source writer failed", failure);
        }
    }
}
