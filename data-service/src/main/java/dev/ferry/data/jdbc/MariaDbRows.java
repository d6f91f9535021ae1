package dev.ferry.data.jdbc;

import dev.ferry.data.domain.TableShape;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A MariaDB/MySQL table's rows read by a streamed {@code SELECT} (a fetch size, so the driver holds one batch at a
 * time) and written as lines of PostgreSQL's {@code COPY} text format, each value as the text the column's target type
 * (see {@code MariaDbTypes}) reads back to the same value: integers and decimals as MariaDB prints them, floats as
 * Java's shortest round-tripping text, bytes as {@code bytea}'s hex form, timestamps (read in UTC, as every Ferry
 * connection to MariaDB is) with their zone, and text escaped ({@code \\}, tab, newline, carriage return) with
 * {@code \N} for null.
 */
final class MariaDbRows implements TableCopy.Rows {

    private static final int FETCH_ROWS = 4096;
    private static final HexFormat HEX = HexFormat.of();

    /** How a column's value is read and written. */
    private enum Kind {
        INTEGER,
        FLOAT,
        DOUBLE,
        BYTES,
        INSTANT,
        TEXT;

        static Kind of(String targetType) {
            String type = targetType.toLowerCase(Locale.ROOT);
            if (type.equals("smallint") || type.equals("integer") || type.equals("bigint")) {
                return INTEGER;
            }
            if (type.equals("real")) {
                return FLOAT;
            }
            if (type.equals("double precision")) {
                return DOUBLE;
            }
            if (type.equals("bytea")) {
                return BYTES;
            }
            return type.endsWith("with time zone") ? INSTANT : TEXT;
        }
    }

    private final Statement statement;
    private final ResultSet rows;
    private final Kind[] kinds;
    private final StringBuilder line = new StringBuilder(256);

    private MariaDbRows(Statement statement, ResultSet rows, Kind[] kinds) {
        this.statement = statement;
        this.rows = rows;
        this.kinds = kinds;
    }

    /** Starts reading {@code select}'s rows, whose columns are {@code shape}'s in order. */
    static MariaDbRows of(Connection source, String select, TableShape shape) throws SQLException {
        List<TableShape.Column> columns = shape.columns();
        var kinds = new Kind[columns.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = Kind.of(columns.get(i).type());
        }
        Statement statement = source.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(FETCH_ROWS);
            return new MariaDbRows(statement, statement.executeQuery(select), kinds);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    @Override
    public byte[] next() throws SQLException {
        if (!rows.next()) {
            statement.close();
            return null;
        }
        line.setLength(0);
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            append(i + 1, kinds[i]);
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(int column, Kind kind) throws SQLException {
        switch (kind) {
            case INTEGER -> {
                long value = rows.getLong(column);
                appendOrNull(rows.wasNull() ? null : Long.toString(value));
            }
            case FLOAT -> {
                float value = rows.getFloat(column);
                appendOrNull(rows.wasNull() ? null : Float.toString(value));
            }
            case DOUBLE -> {
                double value = rows.getDouble(column);
                appendOrNull(rows.wasNull() ? null : Double.toString(value));
            }
            case BYTES -> {
                byte[] value = rows.getBytes(column);
                appendOrNull(value == null ? null : "\\\\x" + HEX.formatHex(value));
            }
            case INSTANT -> {
                String value = rows.getString(column);
                appendOrNull(value == null ? null : value + "+00");
            }
            case TEXT -> StagedUpserts.escape(rows.getString(column), line);
        }
    }

    /** A value whose text holds no character {@code COPY} escapes. */
    private void appendOrNull(String text) {
        line.append(text == null ? "\\N" : text);
    }

    @Override
    public void cancel() throws SQLException {
        // Closing a streamed result set before its end makes the driver read the rest; a cancelled copy drops the
        // connection instead, which ends the query on the server.
        statement.getConnection().abort(Runnable::run);
    }
}
