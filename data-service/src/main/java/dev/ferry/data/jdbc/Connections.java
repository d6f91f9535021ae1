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
        // Both sides of a comparison (and of a copy) must print timestamps with time zone alike. A MariaDB source
        // also reads the identifiers Ferry quotes as PostgreSQL does, and aggregates a whole chunk's rows.
        try (var statement = connection.createStatement()) {
            if (database.isMariaDb()) {
                statement.execute("SET time_zone = '+00:00', sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES'),"
                        + " group_concat_max_len = 4294967295");
            } else {
                statement.execute("SET TimeZone = 'UTC'");
            }
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
        // Ferry's own connections to MariaDB and MySQL go through MariaDB's driver (Debezium brings MySQL's, which
        // would take jdbc:mysql: URLs otherwise).
        String url = database.jdbcUrl().replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot connect to " + database + " as " + login.user());
        }
    }
}
