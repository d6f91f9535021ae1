package dev.ferry.data.steps;

import dev.ferry.data.debezium.ChangeStream;
import dev.ferry.data.debezium.Hold;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.ForeignKey;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.StepKey;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import dev.ferry.data.domain.Verification;
import dev.ferry.data.files.StepRecord;
import dev.ferry.data.files.StepRecords;
import dev.ferry.data.jdbc.Connections;
import dev.ferry.data.jdbc.Slots;
import dev.ferry.data.jdbc.SqlFailures;
import dev.ferry.data.jdbc.Tables;
import dev.ferry.data.jdbc.Verifier;
import dev.ferry.data.jdbc.WrittenSince;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The comparisons of a migration: {@link #verify} while it streams, and the last one, {@link #cutover}. */
final class Checks {

    private static final Logger log = LoggerFactory.getLogger(Checks.class);

    private final Connections connections;
    private final Tables tables;
    private final StepRecords records;
    private final BiFunction<MigrationSpec, Map<TableName, TableShape>, ChangeStream> streams;
    private final Consumer<StepKey> stopped;

    /**
     * @param streams the migration's running stream, started when it runs no more
     * @param stopped forgets a stream that ended for good
     */
    Checks(
            Connections connections,
            Tables tables,
            StepRecords records,
            BiFunction<MigrationSpec, Map<TableName, TableShape>, ChangeStream> streams,
            Consumer<StepKey> stopped) {
        this.connections = connections;
        this.tables = tables;
        this.records = records;
        this.streams = streams;
        this.stopped = stopped;
    }

    /** Compares the migration's tables at one point of the stream (held there meanwhile) and checks the foreign keys. */
    Migrations.Checked verify(StepKey migration, List<ForeignKey> foreignKeys, int chunkRows, Duration timeout) {
        StepRecord record = Migrations.recorded(records, migration);
        MigrationSpec spec = MigrationSpec.from(migration, record.settings());
        Map<TableName, TableShape> shapes = tables.sourceShapes(spec);
        ChangeStream stream = record.state() == StepRecord.State.STREAMING ? streams.apply(spec, shapes) : null;
        try (Connection source = snapshotConnection(spec);
                Connection target = connections.open(spec.target())) {
            if (stream == null) {
                return new Migrations.Checked(
                        Verifier.verify(spec, shapes, source, target, foreignKeys, chunkRows), "");
            }
            try (Hold hold = stream.holdAt(source, timeout)) {
                return new Migrations.Checked(
                        Verifier.verify(spec, shapes, source, target, foreignKeys, chunkRows), hold.position());
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot verify " + migration.phase());
        }
    }

    /**
     * Stops the stream for good at a point where the target holds exactly what the source held, after verifying it
     * there; records the source position. A second cutover of the same migration answers with the recorded one.
     */
    Migrations.Checked cutover(StepKey migration, int chunkRows, Duration timeout) {
        StepRecord record = Migrations.recorded(records, migration);
        if (record.state() == StepRecord.State.ROLLED_BACK) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.CONFLICT,
                    false,
                    "migration " + migration.phase() + " was rolled back; there is nothing to cut over");
        }
        MigrationSpec spec = MigrationSpec.from(migration, record.settings());
        Map<TableName, TableShape> shapes = tables.sourceShapes(spec);
        if (record.state() == StepRecord.State.CUT_OVER) {
            return new Migrations.Checked(verifyNow(spec, shapes, chunkRows), record.sourcePosition());
        }
        ChangeStream stream = streams.apply(spec, shapes);
        try (Connection source = snapshotConnection(spec);
                Connection target = connections.open(spec.target());
                Hold hold = stream.holdAt(source, timeout)) {
            Verification verification = Verifier.verify(spec, shapes, source, target, List.of(), chunkRows);
            if (!verification.passed()) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.CONFLICT,
                        true,
                        "the target of " + migration.phase()
                                + " differs from the source, so the stream goes on and nothing was cut over:\n"
                                + verification.problems());
            }
            hold.stopHere();
            stream.close();
            stopped.accept(migration);
            Slots.drop(connections, spec);
            records.save(migration, record.cutOver(hold.position(), WrittenSince.mark(connections, spec.target())));
            log.info(
                    "event=cut-over stream={} position={} rows={}",
                    migration,
                    hold.position(),
                    verification.rowsCompared());
            return new Migrations.Checked(verification, hold.position());
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot cut over " + migration.phase());
        }
    }

    private Verification verifyNow(MigrationSpec spec, Map<TableName, TableShape> shapes, int chunkRows) {
        try (Connection source = snapshotConnection(spec);
                Connection target = connections.open(spec.target())) {
            return Verifier.verify(spec, shapes, source, target, List.of(), chunkRows);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot verify " + spec.key().phase());
        }
    }

    /** A source connection in a repeatable-read transaction: every read of the comparison sees one state. */
    private Connection snapshotConnection(MigrationSpec spec) throws SQLException {
        Connection source = connections.open(spec.source());
        source.setAutoCommit(false);
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return source;
    }
}
