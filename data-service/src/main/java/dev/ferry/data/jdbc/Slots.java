package dev.ferry.data.jdbc;

import dev.ferry.data.domain.MigrationSpec;
import dev.ferry.data.domain.Sql;
import dev.ferry.data.domain.TableMapping;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * A stream's replication slot and publication on a PostgreSQL source (on MariaDB, its marker row), named after the step: the publication lists the
 * step's tables (created before the slot, so the slot decodes every change of them from its first position on), and
 * both are dropped when the stream ends, so the source keeps no log for it.
 */
public final class Slots {

    /** Where a MariaDB source's stream markers are written, its counterpart of PostgreSQL's logical messages. */
    public static final String MARKER_TABLE = "ferry_markers";

    private static final int DROP_ATTEMPTS = 50;
    private static final long DROP_PAUSE_MILLIS = 200;

    private Slots() {}

    /** Creates the step's publication, or sets its tables when an earlier attempt left it. */
    static void publish(Connection source, MigrationSpec spec) throws SQLException {
        String name = spec.key().slotName();
        String tables = spec.tables().stream()
                .map(TableMapping::source)
                .map(t -> t.sql())
                .collect(Collectors.joining(", "));
        boolean exists;
        try (var statement = source.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                exists = result.next();
            }
        }
        try (var statement = source.createStatement()) {
            statement.execute((exists
                            ? "ALTER PUBLICATION " + Sql.quote(name) + " SET TABLE "
                            : "CREATE PUBLICATION " + Sql.quote(name) + " FOR TABLE ")
                    + tables);
        }
    }

    /** Drops the step's slot (waiting for the walsender to let go of it) and its publication; absent ones are fine. */
    public static void drop(Connections connections, MigrationSpec spec) {
        String slot = spec.key().slotName();
        if (spec.source().isMariaDb()) {
            forgetMarker(connections, spec);
            return;
        }
        try (Connection source = connections.open(spec.source())) {
            for (int attempt = 0; attempt < DROP_ATTEMPTS; attempt++) {
                try (var statement = source.prepareStatement(
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                    statement.setString(1, slot);
                    statement.execute();
                    break;
                } catch (SQLException stillActive) {
                    // The walsender lets go of the slot a moment after the engine stopped.
                    Thread.sleep(DROP_PAUSE_MILLIS);
                }
            }
            try (var statement = source.createStatement()) {
                statement.execute("DROP PUBLICATION IF EXISTS " + Sql.quote(slot));
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot drop replication slot " + slot + " on " + spec.source());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A MariaDB stream keeps no slot; its marker row goes (the binlog is the server's to expire). */
    private static void forgetMarker(Connections connections, MigrationSpec spec) {
        try (Connection source = connections.open(spec.source());
                var statement =
                        source.prepareStatement("DELETE FROM " + Sql.quote(MARKER_TABLE) + " WHERE stream = ?")) {
            statement.setString(1, spec.key().slotName());
            statement.execute();
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot remove the marker of " + spec.key() + " from " + spec.source());
        }
    }
}
