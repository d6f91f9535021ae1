package dev.ferry.data.jdbc;

import dev.ferry.data.domain.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * The step's replication slot, created on a replication connection that exports its snapshot: a transaction that
 * imports the snapshot sees exactly the transactions committed before the slot's consistent point, and the slot
 * decodes exactly those committed after it. So the tables copied under the snapshot plus the changes streamed from the
 * slot hold every row once. The snapshot lives as long as this object (its connection) stays open and idle.
 *
 * @param consistentPoint the source position the slot streams from, as PostgreSQL writes an LSN
 */
record ExportedSnapshot(Connection replication, String name, String consistentPoint) implements AutoCloseable {

    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[0-9A-Fa-f-]+");

    /** Creates the step's publication, then its slot; the slot must not exist. */
    static ExportedSnapshot create(Connections connections, MigrationSpec spec) {
        try (Connection source = connections.open(spec.source())) {
            Slots.publish(source, spec);
        } catch (SQLException e) {
            throw SqlFailures.translate(
                    e, "cannot create publication " + spec.key().slotName() + " on " + spec.source());
        }
        Connection replication = connections.openForReplication(spec.source());
        try {
            ReplicationSlotInfo slot = replication
                    .unwrap(PGConnection.class)
                    .getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName(spec.key().slotName())
                    .withOutputPlugin("pgoutput")
                    .make();
            String snapshot = slot.getSnapshotName();
            if (snapshot == null || !SNAPSHOT_NAME.matcher(snapshot).matches()) {
                throw new SQLException("the server exported no usable snapshot (" + snapshot + ")");
            }
            return new ExportedSnapshot(
                    replication, snapshot, slot.getConsistentPoint().asString());
        } catch (SQLException e) {
            closeQuietly(replication);
            throw SqlFailures.translate(
                    e,
                    "cannot create replication slot " + spec.key().slotName() + " on " + spec.source()
                            + " (the login needs the REPLICATION attribute)");
        }
    }

    /** Starts a repeatable-read transaction on {@code source} that sees the snapshot. */
    void importInto(Connection source) throws SQLException {
        source.setAutoCommit(false);
        source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (var statement = source.createStatement()) {
            statement.execute("SET TRANSACTION SNAPSHOT '" + name + "'");
        }
    }

    @Override
    public void close() {
        closeQuietly(replication);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The slot is created or not; the snapshot is not needed any more either way.
        }
    }
}
