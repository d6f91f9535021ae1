package dev.ferry.planner.outbox;

import dev.ferry.planner.persistence.PlannerDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Tells whether the relay's replication slot is in use by another connection: PostgreSQL lets one reader hold a
 * logical slot, so when another planner's relay holds it this planner's relay waits instead of failing over and over.
 */
final class SlotHolder {

    private final PlannerDatabase.Connection database;
    private final String slot;

    SlotHolder(PlannerDatabase.Connection database, String slot) {
        this.database = database;
        this.slot = slot;
    }

    /** True when the slot exists and a connection holds it; asked only while this relay holds none. */
    boolean heldByAnother() {
        String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.database();
        try (var connection = DriverManager.getConnection(url, database.user(), database.password());
                var query =
                        connection.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            try (var result = query.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            // The database is unreachable: not a sign of another relay, and the next start says what is wrong.
            return false;
        }
    }
}
