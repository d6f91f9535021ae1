package dev.ferry.data.testing;

import dev.ferry.data.domain.Credentials;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL server for the tests (zonky's embedded binaries, which run as root too), with logical decoding on
 * unless asked otherwise; databases are created in it by name.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static Postgres withLogicalDecoding() {
        return start(true);
    }

    /** A server at the default wal_level (replica), which cannot stream changes. */
    public static Postgres withoutLogicalDecoding() {
        return start(false);
    }

    /**
     * A server with logical decoding that keeps its data in {@code directory} on a fixed port, so a test can stop it
     * and start it again where clients expect it.
     */
    public static Postgres inDirectory(java.nio.file.Path directory, int port) {
        try {
            return new Postgres(logical(EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setDataDirectory(directory)
                            .setCleanDataDirectory(false)
                            .setPort(port))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres.Builder logical(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("wal_writer_delay", "10ms");
    }

    private static Postgres start(boolean logical) {
        try {
            var builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60));
            if (logical) {
                logical(builder);
            }
            return new Postgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    public void createDatabase(String name) {
        run("postgres", "CREATE DATABASE " + name);
    }

    public Connection connect(String database) {
        try {
            return DriverManager.getConnection(url(database), USER, PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs statements in the database, each in its own transaction. */
    public void run(String database, String... statements) {
        Statements.run(() -> connect(database), statements);
    }

    public long count(String database, String sql) {
        return Long.parseLong(Statements.text(() -> connect(database), sql));
    }

    /** The credentials a test's data-service holds: {@code db} for this server's superuser. */
    public static Credentials credentials() {
        return ref -> ref.equals("db") ? Optional.of(new Credentials.Login(USER, PASSWORD)) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
