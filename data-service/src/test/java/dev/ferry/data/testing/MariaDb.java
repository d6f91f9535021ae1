package dev.ferry.data.testing;

import dev.ferry.data.domain.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;

/**
 * Debian's MariaDB server (10.11), started by the test in a temporary folder with the binlog in ROW format, listening
 * on 127.0.0.1; a user {@code ferry} with a password reaches it over TCP, the test itself over the socket as root.
 */
public record MariaDb(Path folder, int port, Process server) implements AutoCloseable {

    public static final String USER = "ferry";
    public static final String PASSWORD = "maria-S3cret!";

    public static MariaDb start() {
        try {
            Path folder = Files.createTempDirectory("ferry-mariadb");
            int port = DebianPostgres.freePort();
            Shell.run(List.of(
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + folder.resolve("data"),
                    "--auth-root-authentication-method=socket",
                    "--skip-test-db",
                    "--user=" + System.getProperty("user.name")));
            var mariadb = launch(folder, port);
            mariadb.sql("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'; GRANT ALL ON *.* TO '" + USER
                    + "'@'%'");
            return mariadb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (cleanly, as a restart would) and starts it again on the same folder and port. */
    public MariaDb restart() {
        server.destroy();
        try {
            server.waitFor();
            return launch(folder, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MariaDb launch(Path folder, int port) throws IOException {
        Process server = new ProcessBuilder(
                        "mariadbd",
                        "--no-defaults",
                        "--datadir=" + folder.resolve("data"),
                        "--socket=" + folder.resolve("socket"),
                        "--pid-file=" + folder.resolve("pid"),
                        "--port=" + port,
                        "--bind-address=127.0.0.1",
                        "--log-bin=" + folder.resolve("binlog"),
                        "--binlog-format=ROW",
                        "--server-id=1",
                        "--user=" + System.getProperty("user.name"))
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.log").toFile())
                .start();
        var mariadb = new MariaDb(folder, port, server);
        Awaitility.await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> {
            mariadb.sql("SELECT 1");
            return true;
        });
        return mariadb;
    }

    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** A JDBC connection as the {@code ferry} user, through MariaDB's driver. */
    public java.sql.Connection connect(String database) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    /** Runs SQL as root over the socket and returns what the client printed (tab-separated, no headers). */
    public String sql(String statements) {
        var argv = new ArrayList<>(List.of(
                "mariadb", "--no-defaults", "--socket=" + folder.resolve("socket"), "-u", "root", "-N", "-B", "-e"));
        argv.add(statements);
        return Shell.run(argv).strip();
    }

    /** {@code maria} for the {@code ferry} user. */
    public static Credentials credentials() {
        return ref -> ref.equals("maria") ? Optional.of(new Credentials.Login(USER, PASSWORD)) : Optional.empty();
    }

    @Override
    public void close() {
        Shell.stop(server, folder);
    }
}
