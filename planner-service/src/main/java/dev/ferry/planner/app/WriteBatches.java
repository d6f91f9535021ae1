package dev.ferry.planner.app;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Lets the planner store a whole poll of events in one transaction. While a batch is open no other thread writes (the
 * retry timer, a start from HTTP): it would see, and build on, run changes that are not committed yet, and it would
 * wait on the batch's database locks while holding a run's lock the batch may need. Every write takes the same lock,
 * so writes outside a batch are as before, one transaction each.
 */
final class WriteBatches {
    private final ReentrantLock writes = new ReentrantLock();
    private final ThreadLocal<Set<String>> touched = new ThreadLocal<>();

    /** One write outside a batch, or part of the batch this thread has open. */
    <T> T write(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    /**
     * Runs {@code work} as one batch inside {@code transaction}; when the transaction fails, {@code forget} is told
     * each run the batch changed, since their in-memory state is ahead of the database.
     */
    <T> T batch(Supplier<T> work, Function<Supplier<T>, T> transaction, Consumer<String> forget) {
        writes.lock();
        touched.set(new LinkedHashSet<>());
        try {
            return transaction.apply(work);
        } catch (RuntimeException failure) {
            touched.get().forEach(forget);
            throw failure;
        } finally {
            touched.remove();
            writes.unlock();
        }
    }

    /** Notes that the open batch (if any) changed this run. */
    void changed(String migrationId) {
        Set<String> runs = touched.get();
        if (runs != null) {
            runs.add(migrationId);
        }
    }
}
