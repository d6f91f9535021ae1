package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.MariaDbTypes;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Reads what a MariaDB/MySQL source's {@code information_schema} says about a table, its columns given the PostgreSQL
 * types the target holds them in ({@link MariaDbTypes}), and checks the server writes a binlog Debezium can stream.
 */
final class MariaDbCatalog {

    private static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
                   DATETIME_PRECISION, IS_NULLABLE = 'YES'
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
            ORDER BY ORDINAL_POSITION""";
    private static final String PRIMARY_KEY = """
            SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'
            ORDER BY ORDINAL_POSITION""";

    private MariaDbCatalog() {}

    /**
     * A table's shape, or empty when it does not exist. A column the target cannot hold keeps its MariaDB type marked
     * {@code (MariaDB)}, which {@link dev.ferry.data.domain.ShapeChecks#ofSource} refuses by name.
     */
    static Optional<TableShape> shape(Connection connection, TableName table) {
        try {
            var columns = new ArrayList<TableShape.Column>();
            try (var rows = query(connection, COLUMNS, table)) {
                while (rows.next()) {
                    var column = new MariaDbTypes.Column(
                            rows.getString(2),
                            rows.getString(3),
                            number(rows, 4),
                            number(rows, 5),
                            number(rows, 6),
                            number(rows, 7));
                    String type = MariaDbTypes.postgresType(column).orElse(column.columnType() + " (MariaDB)");
                    columns.add(new TableShape.Column(rows.getString(1), type, rows.getBoolean(8)));
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            var key = new ArrayList<String>();
            try (var rows = query(connection, PRIMARY_KEY, table)) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
            return Optional.of(new TableShape(table, columns, key));
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the columns of " + table);
        }
    }

    /**
     * Refuses a server Debezium cannot stream from, naming the setting: the binlog must be on, in ROW format, with full
     * row images (an update then carries every column).
     */
    static void requireRowBinlog(Connection connection, String database) {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT @@global.log_bin, @@global.binlog_format," + " @@global.binlog_row_image")) {
            rows.next();
            String needs = "; streaming its changes needs log_bin on, binlog_format=ROW and binlog_row_image=FULL"
                    + " (set them in the server's configuration, e.g. log-bin, binlog-format=ROW, server-id=1, and"
                    + " restart it)";
            if (!rows.getBoolean(1)) {
                throw unsupported("source " + database + " writes no binlog (log_bin is off)" + needs);
            }
            if (!"ROW".equalsIgnoreCase(rows.getString(2))) {
                throw unsupported("source " + database + " has binlog_format=" + rows.getString(2) + needs);
            }
            if (!"FULL".equalsIgnoreCase(rows.getString(3))) {
                throw unsupported("source " + database + " has binlog_row_image=" + rows.getString(3) + needs);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the binlog settings of " + database);
        }
    }

    private static DataStepFailure unsupported(String message) {
        return new DataStepFailure(DataStepFailure.Kind.UNSUPPORTED, false, message);
    }

    private static ResultSet query(Connection connection, String sql, TableName table) throws SQLException {
        var statement = connection.prepareStatement(sql);
        statement.setString(1, table.schema());
        statement.setString(2, table.name());
        statement.closeOnCompletion();
        return statement.executeQuery();
    }

    private static Long number(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
