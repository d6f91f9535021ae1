package dev.ferry.data.debezium;

import dev.ferry.data.domain.TxSnapshot;
import dev.ferry.data.jdbc.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes a marker into the source's log: a non-transactional logical decoding message, which the stream delivers
 * after every transaction that committed before it and before any that committed after. No table of the source is
 * written.
 */
final class Markers {

    private Markers() {}

    /** The snapshot of the connection's transaction, read by its first statement in repeatable read. */
    static TxSnapshot snapshot(Connection source) {
        try (var statement = source.createStatement();
                var result = statement.executeQuery("SELECT pg_current_snapshot()::text")) {
            result.next();
            return TxSnapshot.parse(result.getString(1));
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot read the source's snapshot");
        }
    }

    /** Writes the marker and returns its log position. */
    static String emit(Connection source, String content) {
        try (var statement = source.prepareStatement("SELECT pg_logical_emit_message(false, ?, ?)::text")) {
            statement.setString(1, ChangeRecords.MARKER_PREFIX);
            statement.setString(2, content);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot write a marker into the source's log");
        }
    }
}
