package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Optional;

/** Reads what PostgreSQL's catalog says about a table and the server's settings for logical decoding. */
public final class Catalog {

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";
    private static final String PRIMARY_KEY = """
            SELECT a.attname
            FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = to_regclass(?) AND i.indisprimary
            ORDER BY k.position""";

    private Catalog() {}

    /** The table's shape, or empty when it does not exist. */
    public static Optional<TableShape> shape(Connection connection, TableName table) {
        try {
            var columns = new ArrayList<TableShape.Column>();
            try (var statement = connection.prepareStatement(COLUMNS)) {
                statement.setString(1, table.sql());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new TableShape.Column(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            var key = new ArrayList<String>();
            try (var statement = connection.prepareStatement(PRIMARY_KEY)) {
                statement.setString(1, table.sql());
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        key.add(rows.getString(1));
                    }
                }
            }
            return Optional.of(new TableShape(table, columns, key));
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the columns of " + table);
        }
    }

    /** Whether the table holds at least one row. */
    public static boolean hasRows(Connection connection, TableName table) {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.sql() + ")")) {
            rows.next();
            return rows.getBoolean(1);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read " + table);
        }
    }

    /** Refuses a server that cannot stream its changes, naming the setting to change. */
    public static void requireLogicalDecoding(Connection connection, String database) {
        String level = setting(connection, "wal_level");
        if (!"logical".equals(level)) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.UNSUPPORTED,
                    false,
                    "source " + database + " has wal_level=" + level + "; streaming its changes needs"
                            + " wal_level=logical (set it in postgresql.conf and restart the server), with"
                            + " max_replication_slots and max_wal_senders above 0");
        }
    }

    public static String setting(Connection connection, String name) {
        try (var statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read setting " + name);
        }
    }
}
