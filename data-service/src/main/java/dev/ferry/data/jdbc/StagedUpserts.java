package dev.ferry.data.jdbc;

import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableShape;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Many upserts of one table at once, for the snapshot's large batches: {@code COPY} straight into the target when none
 * of the rows is there yet; otherwise into a temporary table of the writer's session, from which one
 * {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE} moves them into the target. Either costs the server a fraction of
 * one bound statement per row.
 */
final class StagedUpserts {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;
    private final CopyManager copy;
    private final Map<String, String> stages = new HashMap<>();

    StagedUpserts(Connection connection) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /**
     * Writes the rows: straight into the target with {@code COPY} while none of their keys is there yet (a snapshot
     * into a new table), else through the staging table as upserts.
     *
     * @param columns the source columns every row carries, in order
     */
    void upsert(TableMapping mapping, TableShape shape, List<String> columns, Collection<RowChange> rows)
            throws SQLException {
        String text = copyText(rows);
        Savepoint before = connection.setSavepoint();
        try {
            copyIn(mapping.target().sql() + " (" + Sql.quoted(mapping.targetColumns(columns)) + ")", text);
            connection.releaseSavepoint(before);
            return;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // Some rows are there already (a replay, or changes of existing rows): upsert them all instead.
            connection.rollback(before);
        }
        String stage = stage(mapping, shape, columns);
        copyIn(stage + " (" + Sql.quoted(columns) + ")", text);
        List<String> key = mapping.targetColumns(shape.primaryKey());
        List<String> targetColumns = mapping.targetColumns(columns);
        try (var statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + mapping.target().sql() + " (" + Sql.quoted(targetColumns) + ") SELECT "
                    + Sql.quoted(columns) + " FROM " + stage + " " + TargetWriter.onConflict(key, targetColumns));
            // DELETE, not TRUNCATE: truncating makes a new file per batch, which costs more than the rows.
            statement.execute("DELETE FROM " + stage);
        }
    }

    private void copyIn(String table, String text) throws SQLException {
        try {
            copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(text));
        } catch (IOException e) {
            throw new SQLException("cannot stream rows to the target", "08006", e);
        }
    }

    /** The session's staging table for this table and column set, created on first use. */
    private String stage(TableMapping mapping, TableShape shape, List<String> columns) throws SQLException {
        String id = mapping.source() + ":" + columns;
        String existing = stages.get(id);
        if (existing != null) {
            return existing;
        }
        String name = "ferry_stage_" + stages.size();
        String definition =
                columns.stream().map(c -> Sql.quote(c) + " " + shape.typeOf(c)).collect(Collectors.joining(", "));
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE " + name + " (" + definition + ")");
        }
        stages.put(id, name);
        return name;
    }

    /** COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes for the characters it reserves. */
    static String copyText(Collection<RowChange> rows) {
        var text = new StringBuilder(rows.size() * 128);
        for (RowChange row : rows) {
            boolean first = true;
            for (String value : ((RowChange.Upsert) row).values().values()) {
                if (!first) {
                    text.append('\t');
                }
                first = false;
                escape(value, text);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void escape(String value, StringBuilder text) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
