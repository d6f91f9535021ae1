package dev.ferry.data.jdbc;

import dev.ferry.data.domain.TableShape;
import java.io.ByteArrayOutputStream;
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
 * (see {@code MariaDbTypes}) reads back to the same value: character data as MariaDB sends it (the text
 * protocol's bytes, not decoded), decimals, dates and times as MariaDB prints them, floats as Java's shortest round-tripping text, bytes as {@code bytea}'s hex form, timestamps (read in UTC, as every Ferry
 * connection to MariaDB is) with their zone, and text escaped ({@code \\}, tab, newline, carriage return) with
 * {@code \N} for null.
 */
final class MariaDbRows implements TableCopy.Rows {

    private static final int FETCH_ROWS = 4096;
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NULL = {'\\', 'N'};

    /** How a column's value is read and written. */
    private enum Kind {
        INTEGER,
        FLOAT,
        DOUBLE,
        BYTES,
        INSTANT,
        /** Character data, whose bytes go on as the server sent them. */
        TEXT,
        /** Decimals, dates and times: ASCII as MariaDB prints them. */
        PRINTED;

        static Kind of(String targetType) {
            String type = targetType.toLowerCase(Locale.ROOT);
            if (type.equals("smallint") || type.equals("integer") || type.equals("bigint")) {
                return INTEGER;
            }
            if (type.equals("text") || type.startsWith("character")) {
                return TEXT;
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
            return type.endsWith("with time zone") ? INSTANT : PRINTED;
        }
    }

    private final Statement statement;
    private final ResultSet rows;
    private final Kind[] kinds;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

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
        line.reset();
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                line.write('\t');
            }
            append(i + 1, kinds[i]);
        }
        line.write('\n');
        return line.toByteArray();
    }

    private void append(int column, Kind kind) throws SQLException {
        switch (kind) {
            case INTEGER -> {
                long value = rows.getLong(column);
                ascii(rows.wasNull() ? null : Long.toString(value));
            }
            case FLOAT -> {
                float value = rows.getFloat(column);
                ascii(rows.wasNull() ? null : Float.toString(value));
            }
            case DOUBLE -> {
                double value = rows.getDouble(column);
                ascii(rows.wasNull() ? null : Double.toString(value));
            }
            case BYTES -> {
                byte[] value = rows.getBytes(column);
                ascii(value == null ? null : "\\\\x" + HEX.formatHex(value));
            }
            case INSTANT -> {
                String value = rows.getString(column);
                ascii(value == null ? null : value + "+00");
            }
            case TEXT -> escaped(rows.getBytes(column));
            case PRINTED -> ascii(rows.getString(column));
        }
    }

    /** A value whose text holds no character {@code COPY} escapes. */
    private void ascii(String text) {
        byte[] bytes = text == null ? NULL : text.getBytes(StandardCharsets.US_ASCII);
        line.write(bytes, 0, bytes.length);
    }

    /**
     * A value as the server sent it: the text protocol's bytes are the value's text in the connection's character set
     * (UTF-8), so they go on as they are, the few bytes {@code COPY} escapes escaped (none of them is part of a
     * multi-byte UTF-8 character).
     */
    private void escaped(byte[] text) {
        if (text == null) {
            line.write(NULL, 0, NULL.length);
            return;
        }
        for (byte b : text) {
            switch (b) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                default -> line.write(b);
            }
        }
    }

    private void escape(char c) {
        line.write('\\');
        line.write(c);
    }

    @Override
    public void cancel() throws SQLException {
        // Closing a streamed result set before its end makes the driver read the rest; a cancelled copy drops the
        // connection instead, which ends the query on the server.
        statement.getConnection().abort(Runnable::run);
    }
}
