package dev.ferry.data.jdbc;

import dev.ferry.data.domain.KeyRange;
import dev.ferry.data.domain.ShapeChecks;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableSide;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The MariaDB/MySQL source's side of a table comparison with a PostgreSQL target, computed in MariaDB so the chunk
 * checksums equal {@link SqlTableSide}'s: each column is printed as PostgreSQL prints the type it was copied into
 * (fractions of a second without trailing zeros, {@code +00} after a {@code timestamp}, bytes as {@code \x} and lower
 * hex), quoted as {@code quote_nullable} quotes it, the columns joined by {@code ,} and the rows by a newline in key
 * order, and the MD5 taken of that. Connections come with {@code ANSI_QUOTES}, the UTC time zone and a
 * {@code group_concat_max_len} that holds a chunk ({@link Connections}).
 *
 * @param types the PostgreSQL types the columns were copied into, in column order
 * @param keyTypes the key columns' PostgreSQL types, to compare keys given as text exactly
 */
record MariaDbTableSide(
        Connection connection,
        TableName table,
        List<String> columns,
        List<String> types,
        List<String> key,
        List<String> keyTypes,
        Optional<String> filter)
        implements TableSide {

    private static final Set<String> FRACTIONAL_TIMES =
            Set.of("timestamp without time zone", "timestamp with time zone", "time without time zone");
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    @Override
    public Optional<List<String>> keyAfter(Optional<List<String>> after, int rows) {
        var range = new KeyRange(after, Optional.empty());
        String sql = "SELECT " + keyTexts() + " FROM " + table.sql() + where(range) + " ORDER BY " + Sql.quoted(key)
                + " LIMIT 1 OFFSET " + (rows - 1);
        return query(
                sql,
                range,
                result -> result.next() ? Optional.of(texts(result, 1, key.size())) : Optional.<List<String>>empty());
    }

    @Override
    public Digest digest(KeyRange range) {
        String rowText = IntStream.range(0, columns.size())
                .mapToObj(i -> quoteNullable(text(columns.get(i), types.get(i))))
                .collect(Collectors.joining(", ", "CONCAT_WS(',', ", ")"));
        String sql = "SELECT COUNT(*), MD5(GROUP_CONCAT(" + rowText + " ORDER BY " + Sql.quoted(key)
                + " SEPARATOR '\\n')) FROM " + table.sql() + where(range);
        return query(sql, range, result -> {
            result.next();
            return new Digest(result.getLong(1), result.getString(2));
        });
    }

    @Override
    public List<Row> rows(KeyRange range, int limit) {
        String values = IntStream.range(0, columns.size())
                .mapToObj(i -> text(columns.get(i), types.get(i)) + " AS ferry_value_" + i)
                .collect(Collectors.joining(", "));
        String sql = "SELECT " + keyTexts() + ", " + values + " FROM " + table.sql() + where(range) + " ORDER BY "
                + Sql.quoted(key) + " LIMIT " + limit;
        return query(sql, range, result -> {
            var rows = new ArrayList<Row>();
            while (result.next()) {
                rows.add(new Row(texts(result, 1, key.size()), texts(result, key.size() + 1, columns.size())));
            }
            return rows;
        });
    }

    /** The column as PostgreSQL prints a value of {@code type}. */
    static String text(String column, String type) {
        String plain = "CAST(" + Sql.quote(column) + " AS CHAR)";
        String base = ShapeChecks.baseType(type);
        if (base.equals("bytea")) {
            return "CONCAT('\\\\x', LOWER(HEX(" + Sql.quote(column) + ")))";
        }
        if (!FRACTIONAL_TIMES.contains(base)) {
            return plain;
        }
        String trimmed = "IF(LOCATE('.', " + plain + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + plain
                + ")), " + plain + ")";
        return base.equals("timestamp with time zone") ? "CONCAT(" + trimmed + ", '+00')" : trimmed;
    }

    /** PostgreSQL's {@code quote_nullable}: {@code NULL}, or the text in quotes, {@code E'...'} when it holds a backslash. */
    static String quoteNullable(String text) {
        String quotesDoubled = "REPLACE(" + text + ", '''', '''''')";
        return "IF(" + text + " IS NULL, 'NULL', IF(LOCATE('\\\\', " + text + ") > 0, CONCAT('E''', REPLACE("
                + quotesDoubled + ", '\\\\', '\\\\\\\\'), ''''), CONCAT('''', " + quotesDoubled + ", '''')))";
    }

    private String keyTexts() {
        return IntStream.range(0, key.size())
                .mapToObj(i -> text(key.get(i), keyTypes.get(i)) + " AS ferry_key_" + i)
                .collect(Collectors.joining(", "));
    }

    private String where(KeyRange range) {
        var conditions = new ArrayList<String>();
        range.after().ifPresent(k -> conditions.add("(" + Sql.quoted(key) + ") > (" + parameters() + ")"));
        range.upTo().ifPresent(k -> conditions.add("(" + Sql.quoted(key) + ") <= (" + parameters() + ")"));
        filter.ifPresent(condition -> conditions.add("(" + condition + ")"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Keys arrive as text: integers and decimals are compared as exact numbers, not as MariaDB's doubles. */
    private String parameters() {
        return keyTypes.stream()
                .map(ShapeChecks::baseType)
                .map(type -> INTEGERS.contains(type)
                        ? "CAST(? AS DECIMAL(65,0))"
                        : type.equals("numeric") ? "CAST(? AS DECIMAL(65,30))" : "?")
                .collect(Collectors.joining(", "));
    }

    private <T> T query(String sql, KeyRange range, Reader<T> reader) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (List<String> bound : SqlTableSide.bounds(range)) {
                for (String value : bound) {
                    statement.setString(index++, value);
                }
            }
            try (var result = statement.executeQuery()) {
                return reader.read(result);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot compare " + table + " in key range " + range);
        }
    }

    private static List<String> texts(ResultSet result, int first, int count) throws SQLException {
        return SqlTableSide.texts(result, first, count);
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet result) throws SQLException;
    }
}
