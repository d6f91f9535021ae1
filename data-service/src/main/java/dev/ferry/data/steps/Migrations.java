package dev.ferry.data.steps;

import dev.ferry.data.debezium.ChangeStream;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.StreamStatus;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.domain.Verification;
import dev.ferry.data.files.StepRecord;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.jdbc.Slots;
import dev.ferry.data.jdbc.Tables;
import dev.ferry.data.jdbc.WrittenSince;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data steps, each a list of named steps that checks before it writes, so a redelivered phase or a restarted
 * data-service repeats nothing: {@link #migrate} (check, record, create, stream, wait for the lag), {@link #verify},
 * {@link #cutover} and {@link #rollback}. The running streams are kept here by step.
 */
public final class Migrations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Duration LAG_MEASURE_INTERVAL = Duration.ofMillis(500);
    /** How often the step looks at the stream: a lag marker arrives within milliseconds of its write when caught up. */
    private static final Duration LOOK_INTERVAL = Duration.ofMillis(50);

    private final Connections connections;
    private final Tables tables;
    private final StepRecords records;
    private final Clock clock;
    private final Map<StepKey, ChangeStream> streams = new ConcurrentHashMap<>();
    private final Checks checks;

    public Migrations(Connections connections, StepRecords records, Clock clock) {
        this.connections = connections;
        this.tables = new Tables(connections);
        this.records = records;
        this.clock = clock;
        this.checks = new Checks(connections, tables, records, this::streamFor, streams::remove);
    }

    /** What a verification or cutover found, with the position the comparison was made at (empty without a stream). */
    public record Checked(Verification verification, String position) {}

    /** What a rollback did. */
    public record RolledBack(List<TableName> dropped, List<TableName> kept) {}

    /**
     * Copies the step's tables and returns once the snapshot is in the target and the lag is within the plan's bound;
     * the stream goes on. {@code progress} hears the stream's status about every second.
     */
    public StreamStatus migrate(
            StepKey key, Map<String, String> settings, Instant deadline, Consumer<StreamStatus> progress) {
        MigrationSpec spec = MigrationSpec.from(key, settings);
        StepRecord record = records.find(key).orElse(null);
        if (record != null && record.state() != StepRecord.State.STREAMING) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.CONFLICT,
                    false,
                    "migration " + key.phase() + " of "
                            + key.service() + " was "
                            + (record.state() == StepRecord.State.CUT_OVER ? "cut over" : "rolled back")
                            + " already; a new run copies again");
        }
        Map<TableName, TableShape> shapes = tables.sourceShapes(spec);
        if (record == null) {
            List<TableName> missing = tables.missingTargets(spec, shapes);
            // Recorded before creating, so a crash in between still lets a rollback drop what was created.
            records.save(
                    key,
                    new StepRecord(
                            key.migrationId(),
                            key.phase(),
                            key.service(),
                            settings,
                            missing.stream().map(TableName::toString).toList(),
                            StepRecord.State.STREAMING,
                            null,
                            null));
            tables.create(spec, shapes, missing);
        }
        ChangeStream stream = streamFor(spec, shapes);
        return awaitCaughtUp(spec, stream, deadline, progress);
    }

    private ChangeStream streamFor(MigrationSpec spec, Map<TableName, TableShape> shapes) {
        return streams.compute(spec.key(), (key, running) -> {
            if (running != null && running.running()) {
                return running;
            }
            List<TableName> created =
                    tablesCreated(key).stream().map(TableName::of).toList();
            var stream = new ChangeStream(spec, shapes, created, connections, records.folder(key), clock);
            stream.start();
            return stream;
        });
    }

    private StreamStatus awaitCaughtUp(
            MigrationSpec spec, ChangeStream stream, Instant deadline, Consumer<StreamStatus> progress) {
        Instant measured = Instant.MIN;
        while (true) {
            StreamStatus status = stream.status();
            progress.accept(status);
            if (status.caughtUp(spec.maxLag())) {
                return status;
            }
            if (!stream.running()) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.UNREACHABLE,
                        true,
                        status.failure().orElse("the change stream of " + spec.source() + " stopped"));
            }
            if (clock.instant().isAfter(deadline)) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.TIMEOUT,
                        true,
                        "the target of " + spec.key().phase() + " did not catch up with " + spec.source()
                                + " before the phase's timeout: " + describe(status));
            }
            if (status.snapshotDone() && clock.instant().isAfter(measured.plus(LAG_MEASURE_INTERVAL))) {
                measured = clock.instant();
                measureQuietly(stream);
            }
            pause();
        }
    }

    /** Compares the migration's tables at one point of the stream (held there meanwhile) and checks the foreign keys. */
    public Checked verify(StepKey migration, List<ForeignKey> foreignKeys, int chunkRows, Duration timeout) {
        return checks.verify(migration, foreignKeys, chunkRows, timeout);
    }

    /**
     * Stops the stream for good at a point where the target holds exactly what the source held, after verifying it
     * there; records the source position. A second cutover of the same migration answers with the recorded one.
     */
    public Checked cutover(StepKey migration, int chunkRows, Duration timeout) {
        return checks.cutover(migration, chunkRows, timeout);
    }

    /** Stops the stream and drops the target tables the migration created; refuses after a cutover. */
    public RolledBack rollback(StepKey migration) {
        StepRecord record = recorded(migration);
        MigrationSpec spec = MigrationSpec.from(migration, record.settings());
        if (record.state() == StepRecord.State.CUT_OVER) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.CONFLICT,
                    false,
                    "migration " + migration.phase() + " of "
                            + migration.service() + " was cut over at source position " + record.sourcePosition()
                            + "; its tables are the service's now. Rolling back means pointing " + migration.service()
                            + " at " + spec.source() + " again; rows the service wrote to " + spec.target()
                            + " since then are not copied back. " + writtenSince(spec, record));
        }
        ChangeStream stream = streams.remove(migration);
        if (stream != null) {
            stream.close();
        }
        if (record.state() == StepRecord.State.STREAMING) {
            Slots.drop(connections, spec);
        }
        List<TableName> created =
                record.tablesCreated().stream().map(TableName::of).toList();
        tables.drop(spec, created);
        records.save(migration, record.with(StepRecord.State.ROLLED_BACK, record.sourcePosition()));
        List<TableName> kept = spec.tables().stream()
                .map(table -> table.target())
                .filter(table -> !created.contains(table))
                .toList();
        return new RolledBack(created, kept);
    }

    /** The rows the service wrote since cutover, table by table, for a person to carry back. */
    private String writtenSince(MigrationSpec spec, StepRecord record) {
        if (record.targetMark() == null) {
            return "The cutover was recorded without the target's transaction horizon, so the rows written since"
                    + " cannot be told apart.";
        }
        return "Written since:\n"
                + WrittenSince.since(connections, spec, record.targetMark()).stream()
                        .map(WrittenSince.TableWrites::summary)
                        .collect(Collectors.joining("\n"))
                + "\n(deleted rows leave no trace; compare the counts with those of the cutover)";
    }

    /** Starts again the streams that were running when data-service stopped; each resumes from its offsets. */
    public void resumeAll() {
        for (StepRecord record : records.all()) {
            if (record.state() != StepRecord.State.STREAMING) {
                continue;
            }
            var key = new StepKey(record.migrationId(), record.phase(), record.service());
            try {
                MigrationSpec spec = MigrationSpec.from(key, record.settings());
                streamFor(spec, tables.sourceShapes(spec));
            } catch (DataStepFailure e) {
                log.error("event=stream-not-resumed stream={} reason=\"{}\"", key, e.getMessage());
            }
        }
    }

    /** The target tables the step created, as recorded before it created them. */
    public List<String> tablesCreated(StepKey migration) {
        return recorded(migration).tablesCreated();
    }

    /** Writes a lag marker into the migration's source log; its arrival updates the stream's status. */
    public void measureLag(StepKey migration) {
        ChangeStream stream = streams.get(migration);
        if (stream != null) {
            measureQuietly(stream);
        }
    }

    public StreamStatus status(StepKey migration) {
        ChangeStream stream = streams.get(migration);
        if (stream == null) {
            throw new DataStepFailure(DataStepFailure.Kind.NOT_FOUND, false, "no stream runs for " + migration);
        }
        return stream.status();
    }

    private StepRecord recorded(StepKey migration) {
        return recorded(records, migration);
    }

    static StepRecord recorded(StepRecords records, StepKey migration) {
        return records.find(migration)
                .orElseThrow(() -> new DataStepFailure(
                        DataStepFailure.Kind.NOT_FOUND,
                        false,
                        "no migrate-data phase "
                                + migration.phase() + " ran for " + migration.service() + " in run "
                                + migration.migrationId()
                                + " on this data-service; name the migrate-data phase in migration"));
    }

    private static void measureQuietly(ChangeStream stream) {
        try {
            stream.measureLag();
        } catch (DataStepFailure e) {
            // The source is away for a moment; the stream retries, and so does the next measurement.
            log.warn("event=lag-not-measured reason=\"{}\"", e.getMessage());
        }
    }

    private static String describe(StreamStatus status) {
        return status.rowsCopied() + " rows copied, snapshot " + (status.snapshotDone() ? "done" : "running")
                + status.lag().map(lag -> ", lag " + lag.toMillis() + " ms").orElse("");
    }

    private static void pause() {
        try {
            Thread.sleep(LOOK_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, "interrupted while waiting for the stream");
        }
    }

    @Override
    public void close() {
        streams.values().forEach(ChangeStream::close);
        streams.clear();
    }
}
