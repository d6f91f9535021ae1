package dev.ferry.data.jdbc;

import dev.ferry.data.domain.BinlogPosition;
import dev.ferry.data.domain.DatabaseRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connections to a MariaDB source, each in a {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} transaction, all seeing
 * the same rows, and the binlog position that snapshot ends at. MariaDB gives each such transaction the position it is
 * consistent with ({@code binlog_snapshot_file}/{@code _position}, no lock taken); transactions that report the same
 * position saw no commit between them, so they see the same rows. While writes keep coming the transactions are begun
 * again until they agree, and after a few tries the copy makes do with one.
 */
final class BinlogSnapshot implements AutoCloseable {

    private static final int TRIES = 20;

    private final List<Connection> sources;
    private final BinlogPosition position;

    private BinlogSnapshot(List<Connection> sources, BinlogPosition position) {
        this.sources = List.copyOf(sources);
        this.position = position;
    }

    /**
     * Up to {@code wanted} connections in one snapshot; empty when the server reports no snapshot position (MySQL, or
     * a MariaDB without binlog), so the connector's own snapshot has to do.
     */
    static Optional<BinlogSnapshot> open(Connections connections, DatabaseRef source, int wanted) {
        var opened = new ArrayList<Connection>();
        try {
            for (int i = 0; i < wanted; i++) {
                opened.add(connections.open(source));
            }
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                List<Connection> these = attempt < TRIES ? opened : opened.subList(0, 1);
                Optional<BinlogPosition> agreed = begin(these);
                if (agreed.isPresent()) {
                    closeAll(opened.subList(these.size(), opened.size()));
                    return Optional.of(new BinlogSnapshot(these, agreed.get()));
                }
                if (position(these.getFirst()).isEmpty()) {
                    closeAll(opened);
                    return Optional.empty();
                }
                for (Connection connection : these) {
                    connection.rollback();
                }
            }
            throw new IllegalStateException("one transaction always agrees with itself");
        } catch (SQLException e) {
            closeAll(opened);
            throw SqlFailures.translate(e, "cannot begin a consistent snapshot on " + source);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Begins a snapshot on each connection; the position if they all report the same one. */
    private static Optional<BinlogPosition> begin(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            connection.setAutoCommit(false);
            execute(connection, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            execute(connection, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
        Optional<BinlogPosition> first = position(connections.getFirst());
        for (Connection connection : connections.subList(1, connections.size())) {
            if (first.isEmpty() || !first.equals(position(connection))) {
                return Optional.empty();
            }
        }
        return first;
    }

    private static Optional<BinlogPosition> position(Connection connection) throws SQLException {
        String file = null;
        Long offset = null;
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (result.next()) {
                switch (result.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                    case "binlog_snapshot_file" -> file = result.getString(2);
                    case "binlog_snapshot_position" -> offset = result.getLong(2);
                    default -> {}
                }
            }
        }
        if (file == null || file.isBlank() || offset == null) {
            return Optional.empty();
        }
        return Optional.of(new BinlogPosition(file, offset));
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing ends the transaction; a connection already broken has nothing left to end.
            }
        }
    }

    /** The connections in the snapshot, one per worker. */
    List<Connection> sources() {
        return sources;
    }

    /** Where the binlog goes on after what the snapshot sees. */
    BinlogPosition position() {
        return position;
    }

    @Override
    public void close() {
        closeAll(sources);
    }
}
