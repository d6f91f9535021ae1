package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table the way {@code pg_dump | psql} does (a new table's primary key built once the rows are in): the source's {@code COPY (SELECT ...) TO STDOUT}, read in the
 * source transaction that imported the slot's snapshot, streams row by row into the target's {@code COPY FROM STDIN};
 * no row is parsed on the way. A MariaDB source's rows come from a streamed {@code SELECT} instead, each written as a
 * line of the same text format ({@link MariaDbRows}). Renames and the target name go in the target's column list, the row filter in the
 * source's query. A target that held rows before the step (mode merge) gets the rows through a temporary table and one
 * upsert, so rows with the same key are replaced.
 */
final class TableCopy {

    private static final Logger log = LoggerFactory.getLogger(TableCopy.class);

    /** Rows reported to the progress listener at a time. */
    private static final int PROGRESS_EVERY = 10_000;

    private static final int BUFFER_BYTES = 1 << 20;

    private final TableMapping mapping;
    private final TableShape shape;
    private final boolean fromMariaDb;

    /** @param fromMariaDb whether the source is MariaDB/MySQL, whose rows come from a {@code SELECT} */
    TableCopy(TableMapping mapping, TableShape shape, boolean fromMariaDb) {
        this.mapping = mapping;
        this.shape = shape;
        this.fromMariaDb = fromMariaDb;
    }

    /**
     * Copies the rows the source transaction sees and commits them in the target; returns how many were copied.
     *
     * @param merge whether the target held rows before the step, so copied rows replace those with the same key
     * @param cancelled checked between rows: a stream that is closing stops copying at once
     */
    long copy(Connection source, Connection target, boolean merge, LongConsumer progress, BooleanSupplier cancelled)
            throws SQLException {
        Rows rows = fromMariaDb ? MariaDbRows.of(source, select(shape.columnNames()), shape) : postgresRows(source);
        return copy(rows, target, merge, progress, cancelled);
    }

    /** The rows of a source whose rows come as the text format of {@code COPY} already: one line each. */
    private Rows postgresRows(Connection source) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyOut("COPY (" + select(shape.columnNames()) + ") TO STDOUT");
        return new Rows() {
            @Override
            public byte[] next() throws SQLException {
                return out.readFromCopy();
            }

            @Override
            public void cancel() throws SQLException {
                if (out.isActive()) {
                    out.cancelCopy();
                }
            }
        };
    }

    /** The source's rows, each a line of {@code COPY}'s text format (tab-separated, escaped, newline-ended). */
    interface Rows {

        /** The next row, or null after the last. */
        byte[] next() throws SQLException;

        /** Stops reading before the end. */
        void cancel() throws SQLException;
    }

    private long copy(Rows out, Connection target, boolean merge, LongConsumer progress, BooleanSupplier cancelled)
            throws SQLException {
        List<String> columns = shape.columnNames();
        String primaryKey = merge ? null : dropPrimaryKey(target);
        String into = merge ? stage(target, columns) : mapping.target().sql();
        String intoColumns = merge ? Sql.quoted(columns) : Sql.quoted(mapping.targetColumns(columns));
        var in = new PGCopyOutputStream(
                target.unwrap(PGConnection.class), "COPY " + into + " (" + intoColumns + ") FROM STDIN", BUFFER_BYTES);
        long rows = 0;
        long started = System.nanoTime();
        try {
            byte[] row;
            while ((row = out.next()) != null) {
                in.write(row);
                if (++rows % PROGRESS_EVERY == 0) {
                    progress.accept(PROGRESS_EVERY);
                    if (cancelled.getAsBoolean()) {
                        throw new DataStepFailure(
                                DataStepFailure.Kind.INTERNAL,
                                true,
                                "the copy of " + mapping.source() + " was stopped");
                    }
                }
            }
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancelQuietly(out, in);
            throw e;
        } catch (java.io.IOException e) {
            cancelQuietly(out, in);
            throw new SQLException("cannot stream the rows of " + mapping.source() + " to the target", "08006", e);
        }
        progress.accept(rows % PROGRESS_EVERY);
        if (merge) {
            upsertFromStage(target, into, columns);
        } else {
            addPrimaryKey(target, primaryKey);
        }
        target.commit();
        log.info(
                "event=table-copied table={} target={} rows={} millis={}",
                mapping.source(),
                mapping.target(),
                rows,
                (System.nanoTime() - started) / 1_000_000);
        return rows;
    }

    /**
     * Drops the new target table's primary key for the copy, in the copy's transaction: one sorted index build after
     * the rows are in costs a fraction of a b-tree insert per row (pg_dump's restores do the same). Nothing else can
     * see the table meanwhile, and if the copy fails the key comes back with the rollback.
     */
    private String dropPrimaryKey(Connection target) throws SQLException {
        String name;
        try (var statement = target.prepareStatement(
                "SELECT conname FROM pg_constraint WHERE conrelid = CAST(? AS regclass) AND contype = 'p'")) {
            statement.setString(1, mapping.target().sql());
            try (var result = statement.executeQuery()) {
                name = result.next() ? result.getString(1) : mapping.target().name() + "_pkey";
            }
        }
        try (var statement = target.createStatement()) {
            statement.execute(
                    "ALTER TABLE " + mapping.target().sql() + " DROP CONSTRAINT IF EXISTS " + Sql.quote(name));
        }
        return name;
    }

    private void addPrimaryKey(Connection target, String name) throws SQLException {
        try (var statement = target.createStatement()) {
            statement.execute("ALTER TABLE " + mapping.target().sql() + " ADD CONSTRAINT " + Sql.quote(name)
                    + " PRIMARY KEY (" + Sql.quoted(mapping.targetColumns(shape.primaryKey())) + ")");
        }
    }

    private String select(List<String> columns) {
        return "SELECT " + Sql.quoted(columns) + " FROM " + mapping.source().sql()
                + mapping.filter().map(filter -> " WHERE " + filter).orElse("");
    }

    /** A temporary table shaped like the source's columns, dropped when the target transaction ends. */
    private String stage(Connection target, List<String> columns) throws SQLException {
        String name = "ferry_copy_" + mapping.target().name();
        String definition = String.join(
                ", ",
                columns.stream().map(c -> Sql.quote(c) + " " + shape.typeOf(c)).toList());
        try (var statement = target.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE " + Sql.quote(name) + " (" + definition + ") ON COMMIT DROP");
        }
        return Sql.quote(name);
    }

    private void upsertFromStage(Connection target, String stage, List<String> columns) throws SQLException {
        List<String> targetColumns = mapping.targetColumns(columns);
        List<String> key = mapping.targetColumns(shape.primaryKey());
        try (var statement = target.createStatement()) {
            statement.execute("INSERT INTO " + mapping.target().sql() + " (" + Sql.quoted(targetColumns) + ") SELECT "
                    + Sql.quoted(columns) + " FROM " + stage + " " + TargetWriter.onConflict(key, targetColumns));
        }
    }

    private static void cancelQuietly(Rows out, PGCopyOutputStream in) {
        try {
            out.cancel();
        } catch (SQLException ignored) {
            // The source connection is broken or closing; the transaction goes with it.
        }
        try {
            if (in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException ignored) {
            // Same on the target: nothing of this table was committed.
        }
    }
}
