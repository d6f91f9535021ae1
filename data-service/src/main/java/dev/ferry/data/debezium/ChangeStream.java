package dev.ferry.data.debezium;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.jdbc.SnapshotCopy;
import dev.ferry.data.jdbc.SqlFailures;
import dev.ferry.runtime.DurableFiles;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One migration's change stream. From PostgreSQL, the tables are first copied under the snapshot the stream's slot
 * exports ({@link SnapshotCopy}, as fast as {@code pg_dump | psql}), then Debezium's embedded PostgreSQL connector
 * (pgoutput) streams their changes from that slot into the target through a {@link ChangeApplier}. From MariaDB, the
 * tables are copied the same way under consistent-snapshot transactions that all end at one binlog position, and
 * Debezium's MySQL connector streams the binlog from there, through the same applier (from MySQL, which reports no
 * such position, the connector snapshots the tables itself). Its offsets live in a file under
 * data-service's data directory, so a stream started again after a crash resumes where the target's last committed
 * batch ended.
 */
public final class ChangeStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);
    private static final String OFFSETS = "offsets.dat";
    /** Written once the initial copy is committed, holding the position the stream starts from. */
    private static final String COPIED = "snapshot-copied";
    /** The tables' definitions as the MySQL connector tracks them through the binlog. */
    private static final String SCHEMA_HISTORY = "schema-history.dat";

    private final MigrationSpec spec;
    private final Connections connections;
    private final Path directory;
    private final ChangeApplier applier;
    private final ExecutorService executor;
    private final SnapshotCopy copy;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private boolean closed;
    private volatile boolean running;

    /**
     * @param createdTables the target tables the step created, which a snapshot that starts (again) empties first
     * @param directory where the stream keeps its offsets
     */
    public ChangeStream(
            MigrationSpec spec,
            Map<TableName, TableShape> shapes,
            List<TableName> createdTables,
            Connections connections,
            Path directory,
            Clock clock) {
        this.spec = spec;
        this.connections = connections;
        this.directory = directory;
        this.applier = new ChangeApplier(spec, shapes, connections, clock);
        this.copy = new SnapshotCopy(connections, spec, shapes, createdTables);
        // One thread copies, the other runs Debezium.
        this.executor = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform()
                .daemon()
                .name("stream-" + spec.key().slotName())
                .unstarted(r));
    }

    /** Starts the stream in the background: the initial copy unless an earlier start finished it, then Debezium. */
    public void start() {
        running = true;
        executor.execute(this::run);
    }

    private void run() {
        try {
            Files.createDirectories(directory);
            Path copied = directory.resolve(COPIED);
            if (Files.exists(copied)) {
                applier.copied(Files.readString(copied, StandardCharsets.UTF_8).strip());
                startEngine();
            } else if (spec.source().isMariaDb()) {
                copyFromBinlog(copied);
            } else {
                copy(copied);
            }
        } catch (IOException e) {
            stopEngine();
            stoppedBy("cannot keep the stream's state under " + directory + "; check ferry.data.data-dir: "
                    + e.getMessage());
        } catch (DataStepFailure e) {
            // Retryable or not, the step says so; a redelivered migrate-data starts the copy over.
            stopEngine();
            stoppedBy(e.getMessage());
        }
    }

    /**
     * Copies the tables under the slot's exported snapshot. Debezium starts on the slot as soon as the copy's
     * transactions hold the snapshot, so its start overlaps the copy; the changes it streams wait for the copy. A file
     * says the copy is committed; without it, a start copies over again (and the offsets of an earlier attempt go: the
     * stream starts at the new slot's consistent point).
     */
    private void copy(Path copied) throws IOException {
        Files.deleteIfExists(directory.resolve(OFFSETS));
        long started = System.nanoTime();
        String position = copy.run(applier::copying, applier::isClosing, this::startEngine);
        DurableFiles.replace(copied, position.getBytes(StandardCharsets.UTF_8));
        applier.copied(position);
        log.info(
                "event=snapshot-copied stream={} position={} rows={} millis={}",
                spec.key(),
                position,
                applier.status().rowsCopied(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Copies a MariaDB source's tables under one consistent snapshot, several at a time, and streams the binlog from the
     * position that snapshot ends at: the offsets are written with that position before Debezium starts (during the
     * copy; its changes wait for it), so the connector snapshots no data. A start without the file saying the copy is
     * committed copies over again, as for PostgreSQL. A source that reports no snapshot position (MySQL) is left to the
     * connector's own snapshot.
     */
    private void copyFromBinlog(Path copied) throws IOException {
        Files.deleteIfExists(directory.resolve(OFFSETS));
        Files.deleteIfExists(directory.resolve(SCHEMA_HISTORY));
        // The marker table exists before the stream's position, so the connector knows it from the start.
        emitMarker("start:" + spec.key().slotName());
        long started = System.nanoTime();
        var position = copy.runFromBinlog(applier::copying, applier::isClosing, at -> {
            try {
                SeededOffsets.write(
                        directory.resolve(OFFSETS),
                        ConnectorConfig.engineName(spec),
                        spec.key().slotName(),
                        at);
            } catch (IOException e) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.INTERNAL,
                        true,
                        "cannot keep the stream's state under " + directory + ": " + e.getMessage());
            }
            startEngine();
        });
        if (position.isEmpty()) {
            snapshotByConnector(copied);
            return;
        }
        DurableFiles.replace(copied, position.get().toString().getBytes(StandardCharsets.UTF_8));
        applier.copied(position.get().toString());
        log.info(
                "event=snapshot-copied stream={} position={} rows={} millis={}",
                spec.key(),
                position.get(),
                applier.status().rowsCopied(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Lets Debezium snapshot a MariaDB source from scratch: the offsets and schema history of an earlier attempt go,
     * the tables the step created are emptied (a row deleted meanwhile must not stay), and the file saying the snapshot
     * is done is written once its last row is in the target.
     */
    private void snapshotByConnector(Path copied) throws IOException {
        Files.deleteIfExists(directory.resolve(OFFSETS));
        Files.deleteIfExists(directory.resolve(SCHEMA_HISTORY));
        copy.emptyCreatedTables();
        // The marker table exists and holds this stream's row before the snapshot, so the snapshot has a last row.
        emitMarker("start:" + spec.key().slotName());
        applier.snapshotByConnector(position -> {
            try {
                DurableFiles.replace(copied, position.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                stoppedBy("cannot keep the stream's state under " + directory + ": " + e.getMessage());
                return;
            }
            applier.copied(position);
            log.info(
                    "event=snapshot-copied stream={} position={} rows={}",
                    spec.key(),
                    position,
                    applier.status().rowsCopied());
        });
        startEngine();
    }

    /** Starts Debezium on the stream's second thread, once. */
    private void startEngine() {
        synchronized (this) {
            if (closed || engine != null) {
                return;
            }
            engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                    .using(ConnectorConfig.of(
                            spec,
                            connections.login(spec.source()),
                            directory.resolve(OFFSETS),
                            directory.resolve(SCHEMA_HISTORY)))
                    .using((success, message, error) -> {
                        // A stream stopped on purpose (a copy that failed, a close) says why itself.
                        if (!success && !stopping()) {
                            stoppedBy("the change stream of " + spec.source() + " stopped: " + message
                                    + (error == null ? "" : " (" + error.getMessage() + ")"));
                        }
                        running = false;
                    })
                    .notifying(applier)
                    .build();
            executor.execute(engine);
        }
        log.info(
                "event=stream-started stream={} slot={} tables={}",
                spec.key(),
                spec.key().slotName(),
                ConnectorConfig.tableList(spec));
    }

    private synchronized boolean stopping() {
        return closed;
    }

    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(30);

    private void stopEngine() {
        applier.closing();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> started;
        synchronized (this) {
            closed = true;
            started = engine;
        }
        if (started != null) {
            closeWhenStarted(started);
        }
    }

    /**
     * Debezium refuses to close an engine whose tasks are still starting ("may lead to leaked resource"): a stream
     * stopped right after it began (a copy cut short, a close at shutdown) asks again until they have started.
     */
    private void closeWhenStarted(DebeziumEngine<RecordChangeEvent<SourceRecord>> started) {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (true) {
            try {
                started.close();
                return;
            } catch (IOException e) {
                log.warn("event=stream-close-failed stream={} reason=\"{}\"", spec.key(), e.getMessage());
                return;
            } catch (IllegalStateException starting) {
                if (!String.valueOf(starting.getMessage()).contains("starting")) {
                    // "already shut down": the engine stopped on its own (a copy cut short); nothing left to close.
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw starting;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw starting;
                }
            }
        }
    }

    private void stoppedBy(String reason) {
        applier.failed(reason);
        running = false;
        log.error("event=stream-stopped stream={} reason=\"{}\"", spec.key(), reason);
    }

    public StreamStatus status() {
        return applier.status();
    }

    public boolean running() {
        return running;
    }

    /** Writes a lag marker into the source's log; its arrival updates {@link StreamStatus#lag()}. */
    public void measureLag() {
        String content = "lag:" + spec.key().slotName() + ":" + UUID.randomUUID();
        applier.expectLagMarker(content);
        emitMarker(content);
    }

    /** Writes a marker on a connection of its own, which commits it at once. */
    private void emitMarker(String content) {
        try (Connection source = connections.open(spec.source())) {
            Markers.prepare(spec.source(), source);
            Markers.emit(spec.source(), source, spec.key().slotName(), content);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot write a marker into the log of " + spec.source());
        }
    }

    /**
     * Holds the stream at the point {@code source}'s open repeatable-read transaction sees (its snapshot is read first,
     * then a marker is written after it) and returns once the target holds exactly that.
     */
    public Hold holdAt(Connection source, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        try {
            while (!applier.awaitCopied(200)) {
                if (!running || System.nanoTime() > until) {
                    throw notCaughtUp("the initial copy of " + spec.source() + " is not done", timeout);
                }
            }
            var hold = new Hold(
                    "hold:" + spec.key().slotName() + ":" + UUID.randomUUID(), Markers.snapshot(spec.source(), source));
            applier.expectHold(hold);
            emitMarker(hold.token());
            if (!hold.awaitReached(Math.max(0, (until - System.nanoTime()) / 1_000_000))) {
                hold.close();
                throw notCaughtUp("the stream of " + spec.source() + " did not catch up with the source", timeout);
            }
            return hold;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "interrupted while holding the stream");
        }
    }

    private DataStepFailure notCaughtUp(String what, Duration timeout) {
        return new DataStepFailure(
                DataStepFailure.Kind.TIMEOUT,
                true,
                what + " within " + timeout.toSeconds() + " s"
                        + status().failure().map(reason -> ": " + reason).orElse(""));
    }

    /** Stops the engine; its offsets are flushed, so a later start resumes here. */
    @Override
    public void close() {
        stopEngine();
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applier.closed();
        running = false;
    }
}
