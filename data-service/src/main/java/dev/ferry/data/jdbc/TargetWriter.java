package dev.ferry.data.jdbc;

import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes changes to the target in one transaction per batch: upserts keyed by the primary key ({@code INSERT ... ON
 * CONFLICT DO UPDATE}) and deletes by key, sent as JDBC batches, consecutive changes of the same kind together so the
 * order of changes to one row is kept. Values travel as text and are cast to the column's type in SQL; large groups of
 * upserts go through {@link StagedUpserts}.
 */
public final class TargetWriter implements AutoCloseable {

    /** From this many upserts of one table and column set on, they go through a staging table (the snapshot's case). */
    private static final int STAGED_FROM = 256;

    private final Connection connection;
    private final Map<TableName, TableMapping> mappings;
    private final Map<TableName, TableShape> shapes;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final StagedUpserts staged;

    /** @param shapes the source tables' shapes by source name */
    public TargetWriter(Connection connection, List<TableMapping> mappings, Map<TableName, TableShape> shapes) {
        this.connection = connection;
        this.mappings = mappings.stream().collect(Collectors.toMap(TableMapping::source, m -> m));
        this.shapes = Map.copyOf(shapes);
        try {
            connection.setAutoCommit(false);
            this.staged = new StagedUpserts(connection);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot start writing to the target");
        }
    }

    /** Applies the changes in order and commits them together; returns how many changes were applied. */
    public int apply(List<RowChange> changes) {
        try {
            PreparedStatement current = null;
            var group = new LinkedHashMap<List<String>, RowChange>();
            for (RowChange change : changes) {
                PreparedStatement statement = statementFor(change);
                if (current != null && current != statement) {
                    execute(current, group);
                }
                current = statement;
                // One multi-row upsert may not touch a row twice; the row's latest state is the one that counts.
                List<String> key = keyOf(change);
                group.remove(key);
                group.put(key, change);
            }
            if (current != null) {
                execute(current, group);
            }
            connection.commit();
            return changes.size();
        } catch (SQLException e) {
            rollbackQuietly();
            throw SqlFailures.translate(
                    e.getNextException() != null ? e.getNextException() : e, "cannot write to the target");
        }
    }

    private void execute(PreparedStatement statement, Map<List<String>, RowChange> group) throws SQLException {
        RowChange first = group.values().iterator().next();
        if (first instanceof RowChange.Upsert && group.size() >= STAGED_FROM) {
            staged.upsert(mappings.get(first.table()), shapes.get(first.table()), columnsOf(first), group.values());
            group.clear();
            return;
        }
        for (RowChange change : group.values()) {
            bind(statement, change);
            statement.addBatch();
        }
        statement.executeBatch();
        group.clear();
    }

    private List<String> keyOf(RowChange change) {
        return switch (change) {
            case RowChange.Upsert upsert ->
                shapes.get(change.table()).primaryKey().stream()
                        .map(column -> upsert.values().get(column))
                        .toList();
            case RowChange.Delete delete -> List.copyOf(delete.key().values());
        };
    }

    /** Empties the tables and commits. */
    public void truncate(List<TableName> tables) {
        try (var statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + tables.stream().map(TableName::sql).collect(Collectors.joining(", ")));
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw SqlFailures.translate(e, "cannot empty " + tables + " in the target");
        }
    }

    private PreparedStatement statementFor(RowChange change) throws SQLException {
        List<String> columns = columnsOf(change);
        String id = change.getClass().getSimpleName() + ":" + change.table() + ":" + columns;
        PreparedStatement statement = statements.get(id);
        if (statement == null) {
            statement = connection.prepareStatement(sql(change, columns));
            statements.put(id, statement);
        }
        return statement;
    }

    private static List<String> columnsOf(RowChange change) {
        return switch (change) {
            case RowChange.Upsert upsert -> List.copyOf(upsert.values().keySet());
            case RowChange.Delete delete -> List.copyOf(delete.key().keySet());
        };
    }

    private String sql(RowChange change, List<String> columns) {
        TableMapping mapping = mappings.get(change.table());
        TableShape shape = shapes.get(change.table());
        List<String> key = mapping.targetColumns(shape.primaryKey());
        return switch (change) {
            case RowChange.Upsert upsert -> upsertSql(mapping, shape, columns, key);
            case RowChange.Delete delete ->
                "DELETE FROM " + mapping.target().sql() + " WHERE "
                        + columns.stream()
                                .map(c -> Sql.quote(mapping.targetColumn(c)) + " = CAST(? AS " + shape.typeOf(c) + ")")
                                .collect(Collectors.joining(" AND "));
        };
    }

    private static String upsertSql(TableMapping mapping, TableShape shape, List<String> columns, List<String> key) {
        List<String> targetColumns = mapping.targetColumns(columns);
        String values =
                columns.stream().map(c -> "CAST(? AS " + shape.typeOf(c) + ")").collect(Collectors.joining(", "));
        return "INSERT INTO " + mapping.target().sql() + " (" + Sql.quoted(targetColumns) + ") VALUES (" + values + ") "
                + onConflict(key, targetColumns);
    }

    /** The upsert's conflict clause: a row with the same key takes the new values of every other column. */
    static String onConflict(List<String> key, List<String> targetColumns) {
        List<String> updated =
                targetColumns.stream().filter(c -> !key.contains(c)).toList();
        return "ON CONFLICT (" + Sql.quoted(key) + ") "
                + (updated.isEmpty()
                        ? "DO NOTHING"
                        : "DO UPDATE SET "
                                + updated.stream()
                                        .map(c -> Sql.quote(c) + " = EXCLUDED." + Sql.quote(c))
                                        .collect(Collectors.joining(", ")));
    }

    private static void bind(PreparedStatement statement, RowChange change) throws SQLException {
        var values = new ArrayList<>(
                switch (change) {
                    case RowChange.Upsert upsert -> upsert.values().values();
                    case RowChange.Delete delete -> delete.key().values();
                });
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the caller opens a new writer.
        }
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            connection.close();
        } catch (SQLException ignored) {
            // Closing a broken connection tells nothing new.
        }
    }
}
