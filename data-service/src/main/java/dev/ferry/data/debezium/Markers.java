package dev.ferry.data.debezium;

import dev.ferry.data.domain.BinlogPosition;
import dev.ferry.data.domain.DatabaseRef;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TxSnapshot;
import dev.ferry.data.jdbc.Slots;
import dev.ferry.data.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.LongPredicate;

/**
 * Writes a marker into the source's log, which the stream delivers after every transaction that committed before it
 * and before any that committed after. PostgreSQL takes a logical decoding message, so no table of the source is
 * written; MariaDB has none, so a marker there is a row of {@value #MARKER_TABLE} in the source database (one row per
 * stream, overwritten), created by data-service and streamed with the step's tables.
 *
 * <p>The PostgreSQL message is transactional: its commit flushes the WAL, so the walsender sends it at once. A
 * non-transactional one waited for the WAL writer (up to {@code wal_writer_delay}, 200 ms by default) on an idle
 * source, which was most of what the step spent between the end of its copy and its first lag figure.
 */
final class Markers {

    static final String MARKER_TABLE = Slots.MARKER_TABLE;

    private Markers() {}

    /**
     * What the connection's repeatable-read transaction sees, read by its first statement, as a test over a change's
     * sequence (see {@link Hold}).
     */
    static LongPredicate snapshot(DatabaseRef database, Connection source) {
        try (var statement = source.createStatement()) {
            if (!database.isMariaDb()) {
                try (var result = statement.executeQuery("SELECT pg_current_snapshot()::text")) {
                    result.next();
                    return TxSnapshot.parse(result.getString(1))::sees;
                }
            }
            // MariaDB names the binlog position its consistent snapshot corresponds to: everything before is seen.
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            String file = null;
            long offset = -1;
            try (var result = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (result.next()) {
                    switch (result.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                        case "binlog_snapshot_file" -> file = result.getString(2);
                        case "binlog_snapshot_position" -> offset = Long.parseLong(result.getString(2));
                        default -> {}
                    }
                }
            }
            long point = new BinlogPosition(file, offset).ordinal();
            return sequence -> sequence < point;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the source's snapshot");
        }
    }

    /** Creates the marker table of a MariaDB source when it is missing. */
    static void prepare(DatabaseRef database, Connection source) {
        if (!database.isMariaDb()) {
            return;
        }
        try (var statement = source.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + Sql.quote(MARKER_TABLE)
                    + " (stream varchar(64) PRIMARY KEY, content varchar(255) NOT NULL)");
        } catch (SQLException e) {
            throw SqlFailures.translate(
                    e,
                    "cannot create table " + MARKER_TABLE + " in " + database
                            + ", where data-service writes the markers of its streams; grant CREATE and INSERT on it");
        }
    }

    /** Writes the marker for the stream {@code stream}; on MariaDB, {@code source} must commit by itself. */
    static void emit(DatabaseRef database, Connection source, String stream, String content) {
        String sql = database.isMariaDb()
                ? "INSERT INTO " + Sql.quote(MARKER_TABLE) + " (stream, content) VALUES (?, ?)"
                        + " ON DUPLICATE KEY UPDATE content = VALUES(content)"
                : "SELECT pg_logical_emit_message(true, ?, ?)";
        try (var statement = source.prepareStatement(sql)) {
            statement.setString(1, database.isMariaDb() ? stream : ChangeRecords.MARKER_PREFIX);
            statement.setString(2, content);
            statement.execute();
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot write a marker into the source's log");
        }
    }
}
