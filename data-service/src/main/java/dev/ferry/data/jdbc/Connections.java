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

    public Credentials.Login login(DatabaseRef database) {
        return credentials
                .login(database.credentialRef())
                .orElseThrow(() -> DataStepFailure.invalid("credential " + database.credentialRef() + " for "
                        + database + " is not configured in data-service; set ferry.data.credentials."
                        + database.credentialRef() + ".username and .password"));
    }

    private Connection open(DatabaseRef database, Properties extra) {
        Credentials.Login login = login(database);
        var properties = new Properties();
        properties.putAll(extra);
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty("ApplicationName", "ferry-data-service");
        try {
            Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
            // Both sides of a comparison must print timestamps with time zone alike.
            try (var statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
            }
            return connection;
        } catch (SQLException e) {
            throw SqlFailures.translate(e, "cannot connect to " + database + " as " + login.user());
        }
    }
}
