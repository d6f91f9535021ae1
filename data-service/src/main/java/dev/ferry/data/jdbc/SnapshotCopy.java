package dev.ferry.data.jdbc;

import dev.ferry.data.domain.BinlogPosition;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream's initial copy, in named steps: drop what an interrupted attempt left (its slot, the rows in the tables the
 * step created), create the slot with an exported snapshot, then copy every table as that snapshot sees it ({@link
 * #run}); from MariaDB, consistent-snapshot transactions at one binlog position take the slot's place ({@link
 * #runFromBinlog}). Running it again starts over, so a copy cut short leaves no row behind that the source deleted
 * meanwhile.
 */
public final class SnapshotCopy {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCopy.class);

    /**
     * Tables copied at once, each by its own pair of connections importing the same snapshot: the source's COPY and
     * the target's run on different server processes, so a few tables in parallel keep both servers busy.
     */
    private static final int PARALLEL_TABLES = 3;

    private static final ThreadFactory COPY_THREADS =
            Thread.ofPlatform().name("table-copy-", 0).daemon().factory();

    private final Connections connections;
    private final MigrationSpec spec;
    private final Map<TableName, TableShape> shapes;
    private final List<TableName> createdTables;

    /** @param createdTables the target tables the step created: emptied first; the others (mode merge) are upserted */
    public SnapshotCopy(
            Connections connections,
            MigrationSpec spec,
            Map<TableName, TableShape> shapes,
            List<TableName> createdTables) {
        this.connections = connections;
        this.spec = spec;
        this.shapes = Map.copyOf(shapes);
        this.createdTables = List.copyOf(createdTables);
    }

    /**
     * Copies the tables and returns the slot's consistent point, from which the stream goes on.
     *
     * @param progress hears the rows copied, a batch at a time
     * @param cancelled a closing stream: the copy stops and nothing more is committed
     * @param slotFree called once every copying transaction imported the snapshot and the slot's connection is closed:
     *     the stream may start on the slot then (its changes wait for the copy)
     */
    public String run(LongConsumer progress, BooleanSupplier cancelled, Runnable slotFree) {
        long started = System.nanoTime();
        Slots.drop(connections, spec);
        emptyCreatedTables();
        int workers = Math.min(PARALLEL_TABLES, spec.tables().size());
        var failed = new AtomicBoolean();
        var copies = new ArrayList<Future<?>>();
        String consistentPoint;
        ExportedSnapshot snapshot = ExportedSnapshot.create(connections, spec);
        try (ExecutorService executor = Executors.newFixedThreadPool(workers, COPY_THREADS)) {
            consistentPoint = snapshot.consistentPoint();
            log.info(
                    "event=slot-created slot={} position={} millis={}",
                    spec.key().slotName(),
                    consistentPoint,
                    (System.nanoTime() - started) / 1_000_000);
            var shared = new Shared(
                    snapshot,
                    new ConcurrentLinkedQueue<>(spec.tables()),
                    progress,
                    () -> failed.get() || cancelled.getAsBoolean(),
                    failed,
                    new CountDownLatch(workers));
            for (int i = 0; i < workers; i++) {
                copies.add(executor.submit(() -> copyEach(shared)));
            }
            awaitImports(shared);
            snapshot.close();
            if (!failed.get()) {
                slotFree.run();
            }
        } finally {
            snapshot.close();
        }
        for (Future<?> copy : copies) {
            rethrowFailure(copy);
        }
        return consistentPoint;
    }

    /** What the workers of one copy share. */
    private record Shared(
            ExportedSnapshot snapshot,
            Queue<TableMapping> pending,
            LongConsumer progress,
            BooleanSupplier stop,
            AtomicBoolean failed,
            CountDownLatch imported) {}

    private static void awaitImports(Shared shared) {
        try {
            shared.imported().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shared.failed().set(true);
        }
    }

    /** One worker: its own pair of connections, the source's importing the snapshot, copying tables until none is left. */
    private void copyEach(Shared shared) {
        boolean counted = false;
        try (Connection source = connections.open(spec.source())) {
            shared.snapshot().importInto(source);
            shared.imported().countDown();
            counted = true;
            copyTables(source, shared.pending(), shared.progress(), shared.stop(), shared.failed());
        } catch (SQLException e) {
            throw failed(shared.failed(), e);
        } catch (RuntimeException e) {
            shared.failed().set(true);
            throw e;
        } finally {
            if (!counted) {
                shared.imported().countDown();
            }
        }
    }

    /**
     * Copies tables from {@code pending} until none is left, reading them in {@code source}'s open transaction and
     * writing each in a transaction of its own on a target connection of the worker's own.
     */
    private void copyTables(
            Connection source,
            Queue<TableMapping> pending,
            LongConsumer progress,
            BooleanSupplier stop,
            AtomicBoolean failed) {
        try (Connection target = connections.open(spec.target())) {
            target.setAutoCommit(false);
            TableMapping table;
            while ((table = pending.poll()) != null) {
                new TableCopy(table, shapes.get(table.source()), spec.source().isMariaDb())
                        .copy(source, target, !createdTables.contains(table.target()), progress, stop);
            }
            source.commit();
        } catch (SQLException e) {
            throw failed(failed, e);
        } catch (RuntimeException e) {
            failed.set(true);
            throw e;
        }
    }

    private DataStepFailure failed(AtomicBoolean failed, SQLException e) {
        failed.set(true);
        return SqlFailures.translate(
                e.getNextException() != null ? e.getNextException() : e,
                "cannot copy the tables of " + spec.source() + " to " + spec.target());
    }

    /**
     * Copies the tables of a MariaDB/MySQL source, several at a time, each worker reading in a transaction of one
     * consistent snapshot ({@link BinlogSnapshot}). {@code positioned} hears the binlog position the snapshot ends at
     * as soon as the transactions hold it, so the stream can start from there while the rows are copied (its changes
     * wait for the copy). Empty when the source reports no snapshot position; nothing was copied then.
     */
    public Optional<BinlogPosition> runFromBinlog(
            LongConsumer progress, BooleanSupplier cancelled, Consumer<BinlogPosition> positioned) {
        emptyCreatedTables();
        int workers = Math.min(PARALLEL_TABLES, spec.tables().size());
        Optional<BinlogSnapshot> opened = BinlogSnapshot.open(connections, spec.source(), workers);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        var failed = new AtomicBoolean();
        var copies = new ArrayList<Future<?>>();
        try (BinlogSnapshot snapshot = opened.get();
                ExecutorService executor =
                        Executors.newFixedThreadPool(snapshot.sources().size(), COPY_THREADS)) {
            log.info(
                    "event=binlog-snapshot-begun source={} position={} transactions={}",
                    spec.source(),
                    snapshot.position(),
                    snapshot.sources().size());
            positioned.accept(snapshot.position());
            Queue<TableMapping> pending = new ConcurrentLinkedQueue<>(spec.tables());
            BooleanSupplier stop = () -> failed.get() || cancelled.getAsBoolean();
            for (Connection source : snapshot.sources()) {
                copies.add(executor.submit(() -> copyTables(source, pending, progress, stop, failed)));
            }
            for (Future<?> copy : copies) {
                rethrowFailure(copy);
            }
            return Optional.of(snapshot.position());
        }
    }

    private static void rethrowFailure(Future<?> copy) {
        try {
            copy.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "the copy failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "interrupted while copying");
        }
    }

    /** Empties the target tables the step created: a snapshot that starts (again) writes every row anew. */
    public void emptyCreatedTables() {
        if (createdTables.isEmpty()) {
            return;
        }
        try (var writer = new TargetWriter(connections.open(spec.target()), spec.tables(), shapes)) {
            writer.truncate(createdTables);
        }
    }
}
