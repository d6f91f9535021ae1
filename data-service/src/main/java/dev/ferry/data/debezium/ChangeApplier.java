package dev.ferry.data.debezium;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.jdbc.Connections;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's consumer for one stream: applies each batch's changes to the target in one transaction and only then
 * marks the records processed, so the offsets Debezium stores never pass a change the target does not hold (a restart
 * replays at most the last batch, which the upserts absorb). Markers in the stream measure the lag and hold the stream
 * at a point.
 */
final class ChangeApplier implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final MigrationSpec spec;
    private final Map<TableName, TableShape> shapes;
    private final Clock clock;
    private final AtomicLong rowsCopied = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final Waypoints waypoints = new Waypoints();
    private final CountDownLatch copiedLatch = new CountDownLatch(1);
    private volatile boolean snapshotDone;
    private volatile Duration lag;
    private volatile long lagRows;
    private volatile String position = "";
    private volatile String failure;
    private volatile boolean stopped;
    private volatile boolean closing;
    private volatile Consumer<String> snapshotEnded;
    private final TargetSession target;

    ChangeApplier(MigrationSpec spec, Map<TableName, TableShape> shapes, Connections connections, Clock clock) {
        this.spec = spec;
        this.shapes = Map.copyOf(shapes);
        this.target = new TargetSession(spec, shapes, connections);
        this.clock = clock;
    }

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        // The stream starts while the copy still runs: its changes come after the copy's rows.
        while (snapshotEnded == null && !copiedLatch.await(100, TimeUnit.MILLISECONDS)) {
            if (closing) {
                return;
            }
        }
        var changes = new ArrayList<RowChange>();
        var applied = new ArrayList<RecordChangeEvent<SourceRecord>>();
        boolean snapshotEnds = false;
        for (var event : records) {
            if (stopped) {
                return;
            }
            SourceRecord record = event.record();
            snapshotEnds |= snapshotEnded != null && !snapshotDone && ChangeRecords.endsSnapshot(record);
            switch (ChangeRecords.read(record)) {
                case ChangeRecords.Change change -> {
                    if (holdBefore(change.sequence(), changes, applied, committer)) {
                        committer.markBatchFinished();
                        return;
                    }
                    changes.add(change.change());
                    applied.add(event);
                }
                case ChangeRecords.Marker marker -> {
                    // Everything before the marker is written before it counts. Its own offset is not stored:
                    // resuming from a message's position made the connector skip the first change after it (seen in
                    // MigrationsIT's restart test, when markers were non-transactional messages).
                    flush(changes, applied, committer);
                    advanceTo(record);
                    onMarker(marker.content());
                    if (stopped) {
                        committer.markBatchFinished();
                        return;
                    }
                }
                case ChangeRecords.Other other -> applied.add(event);
            }
            advanceTo(record);
        }
        flush(changes, applied, committer);
        committer.markBatchFinished();
        if (snapshotEnds) {
            snapshotEnded.accept(position);
        }
    }

    /** The source position of the last record taken, applied or passed over. */
    private void advanceTo(SourceRecord record) {
        String at = ChangeRecords.position(record);
        if (at != null) {
            position = at;
        }
    }

    /**
     * Holds the stream before a change of a transaction a pending hold's snapshot does not see, after writing what came
     * before; true when the stream is to end there.
     */
    private boolean holdBefore(
            Long sequence,
            List<RowChange> changes,
            List<RecordChangeEvent<SourceRecord>> applied,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Hold hold = waypoints.takeHoldBefore(sequence).orElse(null);
        if (hold == null) {
            return false;
        }
        log.info("event=stream-held stream={} before-sequence={} position={}", spec.key(), sequence, position);
        flush(changes, applied, committer);
        hold.reachedAt(position);
        stopped = hold.awaitRelease();
        return stopped;
    }

    private void onMarker(String content) throws InterruptedException {
        var emitted = waypoints.takeLagMarker(content);
        if (emitted.isPresent()) {
            lag = Duration.ofMillis(Math.max(0, clock.millis() - emitted.get().emittedMillis()));
            lagRows = rowsCopied.get() - emitted.get().rowsApplied();
            return;
        }
        Hold hold = waypoints.takeHold(content).orElse(null);
        if (hold != null) {
            hold.reachedAt(position);
            if (hold.awaitRelease()) {
                stopped = true;
            }
        }
    }

    /** Writes the pending changes (retrying while the target is unreachable), then marks their records processed. */
    private void flush(
            List<RowChange> changes,
            List<RecordChangeEvent<SourceRecord>> applied,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (!changes.isEmpty()) {
            long started = System.nanoTime();
            untilDone(changes);
            writeNanos.addAndGet(System.nanoTime() - started);
            rowsCopied.addAndGet(changes.size());
        }
        for (var event : applied) {
            committer.markProcessed(event);
        }
        changes.clear();
        applied.clear();
    }

    /** Writes to the target, retrying with backoff while the failure is retryable (the target or source away). */
    private void untilDone(List<RowChange> changes) throws InterruptedException {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                target.apply(changes);
                failure = null;
                return;
            } catch (DataStepFailure e) {
                target.close();
                if (!e.retryable() || closing) {
                    failure = e.getMessage();
                    throw e;
                }
                failure = e.getMessage();
                log.warn(
                        "event=target-write-retry stream={} pauseMillis={} reason=\"{}\"",
                        spec.key(),
                        pause.toMillis(),
                        e.getMessage());
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /** Registers a lag marker about to be written: its arrival says how long and how many rows the target lagged. */
    void expectLagMarker(String content) {
        waypoints.expectLagMarker(content, new Waypoints.LagMarker(clock.millis(), rowsCopied.get()));
    }

    void expectHold(Hold hold) {
        waypoints.expectHold(hold);
    }

    /** Rows of the initial copy, as they are copied. */
    void copying(long rows) {
        rowsCopied.addAndGet(rows);
    }

    /**
     * The connector snapshots the tables itself (MariaDB): its changes are applied as they come, and {@code ended}
     * hears the position once the snapshot's last row is in the target.
     */
    void snapshotByConnector(Consumer<String> ended) {
        snapshotEnded = ended;
    }

    /** The initial copy is committed; the stream starts at {@code startPosition}. */
    void copied(String startPosition) {
        position = startPosition;
        failure = null;
        snapshotDone = true;
        copiedLatch.countDown();
    }

    /** Waits for the initial copy: a marker written before its slot exists would never arrive. */
    boolean awaitCopied(long millis) throws InterruptedException {
        return copiedLatch.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean isClosing() {
        return closing;
    }

    void failed(String reason) {
        failure = reason;
    }

    void closing() {
        closing = true;
        waypoints.releaseAll();
    }

    void closed() {
        log.info(
                "event=stream-closed stream={} rowsCopied={} writeMillis={}",
                spec.key(),
                rowsCopied.get(),
                writeNanos.get() / 1_000_000);
        target.close();
    }

    StreamStatus status() {
        return new StreamStatus(
                rowsCopied.get(),
                snapshotDone,
                Optional.ofNullable(lag),
                lagRows,
                position,
                Optional.ofNullable(failure));
    }
}
