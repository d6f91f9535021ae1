package dev.ferry.data.jdbc;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.DatabaseRef;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections to the databases plans name, with the login of their credential reference; connection errors
 * become {@link DataStepFailure}s that say which database and what to check, never the password.
 */
public final class Connections {

    private final Credentials credentials;

    public Connections(Credentials credentials) {
        this.credentials = credentials;
    }

    public Connection open(DatabaseRef database) {
        return open(database, new Properties());
    }

    /** A connection whose batched inserts the driver sends as multi-row statements. */
    public Connection openForWrites(DatabaseRef database) {
        var extra = new Properties();
        extra.setProperty("reWriteBatchedInserts", "true");
        return open(database, extra);
    }

    /**
     * A replication connection (the walsender's protocol, which also takes SQL), for creating a slot with an exported
     * snapshot; it runs no statement of its own, so the snapshot stays usable.
     */
    public Connection openForReplication(DatabaseRef database) {
        var extra = new Properties();
        extra.setProperty("replication", "database");
        extra.setProperty("assumeMinServerVersion", "10");
        extra.setProperty("preferQueryMode", "simple");
        return connect(database, extra);
    }

    public Credentials.Login login(DatabaseRef database) {
        return credentials
                .login(database.credentialRef())
                .orElseThrow(() -> DataStepFailure.invalid("credential " + database.credentialRef() + " for "
                        + database + " is not configured in data-service; set ferry.data.credentials."
                        + database.credentialRef() + ".username and .password"));
    }

    private Connection open(DatabaseRef database, Properties extra) {
        Connection connection = connect(database, extra);
        // Both sides of a comparison (and of a copy) must print timestamps with time zone alike.
        try (var statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            return connection;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot set up the connection to " + database);
        }
    }

    private Connection connect(DatabaseRef database, Properties extra) {
        Credentials.Login login = login(database);
        var properties = new Properties();
        properties.putAll(extra);
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty("ApplicationName", "ferry-data-service");
        try {
            return DriverManager.getConnection(database.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot connect to " + database + " as " + login.user());
        }
    }
}
