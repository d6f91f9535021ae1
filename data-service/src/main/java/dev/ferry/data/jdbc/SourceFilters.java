package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DatabaseRef;
import dev.ferry.data.domain.RowChange;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * Applies a table's row filter to a streamed change by asking the source to evaluate the plan's condition over the
 * change's own values (no table is read), so the condition is SQL with the source's own semantics. A row that no
 * longer meets it becomes a delete in the target: a row updated out of the filter leaves the target too.
 */
public final class SourceFilters {

    private final Connection source;
    private final boolean mariaDb;

    public SourceFilters(Connection source, DatabaseRef database) {
        this.source = source;
        this.mariaDb = database.isMariaDb();
    }

    public RowChange apply(RowChange change, TableMapping mapping, TableShape shape) {
        if (mapping.filter().isEmpty() || !(change instanceof RowChange.Upsert upsert)) {
            return change;
        }
        if (meets(upsert, mapping, shape)) {
            return change;
        }
        var key = new LinkedHashMap<String, String>();
        shape.primaryKey().forEach(column -> key.put(column, upsert.values().get(column)));
        return new RowChange.Delete(change.table(), key);
    }

    private boolean meets(RowChange.Upsert upsert, TableMapping mapping, TableShape shape) {
        String row = upsert.values().keySet().stream()
                // The shape's types are PostgreSQL's; MariaDB converts the text to what the condition compares it with.
                .map(c -> (mariaDb ? "?" : "CAST(? AS " + shape.typeOf(c) + ")") + " AS " + Sql.quote(c))
                .collect(Collectors.joining(", "));
        String sql = "SELECT coalesce((" + mapping.filter().orElseThrow() + "), false) FROM (SELECT " + row + ") AS "
                + Sql.quote(mapping.source().name());
        try (var statement = source.prepareStatement(sql)) {
            int index = 1;
            for (String value : upsert.values().values()) {
                statement.setString(index++, value);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(
                    e, "cannot evaluate filters." + mapping.source().name() + " on a change");
        }
    }
}
