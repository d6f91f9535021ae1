package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DatabaseRef;
import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import dev.ferry.data.domain.TableName;
import dev.ferry.data.domain.TableShape;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a target written after a point in its transaction history: each row's {@code xmin} is the transaction
 * that inserted or last updated it, so rows whose transaction came after the mark taken at cutover are the service's
 * own writes since (compared by {@code age()}, which survives the 32-bit wraparound as long as fewer than two billion
 * transactions passed). Deleted rows leave nothing to find; the counts say how many rows each table holds now.
 */
public final class WrittenSince {

    private static final int SAMPLE_KEYS = 10;

    /** What one table took since the mark. */
    public record TableWrites(TableName table, long rowsNow, long rowsWritten, List<String> sampleKeys) {

        public String summary() {
            return table + ": " + rowsWritten + " row(s) inserted or updated since cutover"
                    + (sampleKeys.isEmpty()
                            ? ""
                            : " (keys " + String.join(", ", sampleKeys)
                                    + (rowsWritten > sampleKeys.size() ? ", ..." : "") + ")")
                    + ", " + rowsNow + " row(s) now";
        }
    }

    private WrittenSince() {}

    /** The first transaction id the target has not assigned yet: every later write gets this one or a later one. */
    public static long mark(Connections connections, DatabaseRef target) {
        try (Connection connection = connections.open(target);
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")) {
            result.next();
            return Long.parseLong(result.getString(1));
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the transaction horizon of " + target);
        }
    }

    /** The writes of each target table of the migration (read from the target alone: the source may be gone). */
    public static List<TableWrites> since(Connections connections, MigrationSpec spec, long mark) {
        var writes = new ArrayList<TableWrites>();
        try (Connection target = connections.open(spec.target())) {
            for (TableMapping table : spec.tables()) {
                var shape = Catalog.shape(target, table.target());
                if (shape.isPresent()) {
                    writes.add(table(target, table.target(), shape.get(), mark));
                }
            }
            return writes;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot list the rows written to " + spec.target() + " since cutover");
        }
    }

    private static TableWrites table(Connection target, TableName table, TableShape shape, long mark)
            throws SQLException {
        String key = Sql.quoted(shape.primaryKey());
        // age(xmin) counts the transactions since the row's; a row written at or after the mark is at most this old.
        String since = "age(xmin) <= (pg_snapshot_xmax(pg_current_snapshot())::text::bigint - " + mark + ")";
        long now;
        long written;
        var keys = new ArrayList<String>();
        try (var statement = target.createStatement()) {
            try (var counts = statement.executeQuery(
                    "SELECT count(*), count(*) FILTER (WHERE " + since + ") FROM " + table.sql())) {
                counts.next();
                now = counts.getLong(1);
                written = counts.getLong(2);
            }
            try (var sample = statement.executeQuery("SELECT (" + key + ")::text AS ferry_key FROM " + table.sql()
                    + " WHERE " + since + " ORDER BY " + key + " LIMIT " + SAMPLE_KEYS)) {
                while (sample.next()) {
                    keys.add(sample.getString(1));
                }
            }
            return new TableWrites(table, now, written, keys);
        }
    }
}
