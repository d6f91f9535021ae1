package dev.ferry.data.jdbc;

import dev.ferry.data.domain.KeyRange;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableSide;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One side of a table comparison in PostgreSQL: chunk ends, counts and checksums are SQL aggregates over an index range
 * of the primary key, so no table is loaded into memory. A row's text is its columns' literals ({@code quote_nullable})
 * joined in the source's column order; a chunk's checksum is the MD5 of its rows' texts in key order.
 *
 * @param columns this side's column names, in the source's column order
 * @param key this side's primary key columns, in key order
 * @param keyTypes the key columns' types, to cast keys given as text
 * @param filter the source's row condition (empty for the target, which holds only the rows that met it)
 */
public record SqlTableSide(
        Connection connection,
        TableName table,
        List<String> columns,
        List<String> key,
        List<String> keyTypes,
        Optional<String> filter)
        implements TableSide {

    @Override
    public Optional<List<String>> keyAfter(Optional<List<String>> after, int rows) {
        String sql = "SELECT " + keyTexts() + " FROM " + table.sql() + where(new KeyRange(after, Optional.empty()))
                + " ORDER BY " + Sql.quoted(key) + " OFFSET " + (rows - 1) + " LIMIT 1";
        return query(sql, new KeyRange(after, Optional.empty()), statement -> {
            try (var result = statement.executeQuery()) {
                return result.next() ? Optional.of(texts(result, 1, key.size())) : Optional.<List<String>>empty();
            }
        });
    }

    @Override
    public Digest digest(KeyRange range) {
        String rowText = columns.stream()
                .map(column -> "quote_nullable(" + Sql.quote(column) + ")")
                .collect(Collectors.joining(", ", "concat_ws(',', ", ")"));
        String sql = "SELECT count(*), md5(string_agg(" + rowText + ", E'\\n' ORDER BY " + Sql.quoted(key) + "))"
                + " FROM " + table.sql() + where(range);
        return query(sql, range, statement -> {
            try (var result = statement.executeQuery()) {
                result.next();
                return new Digest(result.getLong(1), result.getString(2));
            }
        });
    }

    @Override
    public List<Row> rows(KeyRange range, int limit) {
        String values = IntStream.range(0, columns.size())
                .mapToObj(i -> Sql.quote(columns.get(i)) + "::text AS ferry_value_" + i)
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + keyTexts() + ", " + values + " FROM " + table.sql() + where(range) + " ORDER BY "
                + Sql.quoted(key) + " LIMIT " + limit;
        return query(sql, range, statement -> {
            var rows = new ArrayList<Row>();
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(texts(result, 1, key.size()), texts(result, key.size() + 1, columns.size())));
                }
            }
            return rows;
        });
    }

    /** The key as text, named apart from the columns: ORDER BY a column's name would sort by the text otherwise. */
    private String keyTexts() {
        return IntStream.range(0, key.size())
                .mapToObj(i -> Sql.quote(key.get(i)) + "::text AS ferry_key_" + i)
                .collect(Collectors.joining(", "));
    }

    private String where(KeyRange range) {
        var conditions = new ArrayList<String>();
        range.after().ifPresent(k -> conditions.add("(" + Sql.quoted(key) + ") > (" + castParameters() + ")"));
        range.upTo().ifPresent(k -> conditions.add("(" + Sql.quoted(key) + ") <= (" + castParameters() + ")"));
        filter.ifPresent(condition -> conditions.add("(" + condition + ")"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String castParameters() {
        return IntStream.range(0, key.size())
                .mapToObj(i -> "CAST(? AS " + keyTypes.get(i) + ")")
                .collect(Collectors.joining(", "));
    }

    private <T> T query(String sql, KeyRange range, Reader<T> reader) {
        try (var statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (List<String> bound : bounds(range)) {
                for (String value : bound) {
                    statement.setString(index++, value);
                }
            }
            return reader.read(statement);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot compare " + table + " in key range " + range);
        }
    }

    static List<List<String>> bounds(KeyRange range) {
        var bounds = new ArrayList<List<String>>();
        range.after().ifPresent(bounds::add);
        range.upTo().ifPresent(bounds::add);
        return bounds;
    }

    static List<String> texts(java.sql.ResultSet result, int first, int count) throws SQLException {
        var texts = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            texts.add(result.getString(first + i));
        }
        return texts;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(PreparedStatement statement) throws SQLException;
    }
}
