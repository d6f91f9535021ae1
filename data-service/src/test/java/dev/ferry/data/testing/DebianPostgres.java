package dev.ferry.data.testing;

import dev.ferry.data.domain.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's PostgreSQL 15 server (the version of the pg_dump data-service runs), started in a temporary folder as the
 * postgres user when the tests run as root, with password (scram) authentication on localhost only: a client without
 * the password is refused.
 */
public final class DebianPostgres implements AutoCloseable {

    public static final String PASSWORD = "s3cret-Ferry!";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path folder;
    private final int port;

    private DebianPostgres(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    public static DebianPostgres start() {
        try {
            Path folder = Files.createTempDirectory("ferry-pg15");
            Path passwordFile = folder.resolve("password");
            Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
            chownToPostgres(folder);
            chownToPostgres(passwordFile);
            int port = freePort();
            asPostgres(BIN.resolve("initdb") + " -D " + folder.resolve("data") + " -U postgres --auth=scram-sha-256"
                    + " --pwfile=" + passwordFile);
            asPostgres(BIN.resolve("pg_ctl") + " -D " + folder.resolve("data") + " -l " + folder.resolve("server.log")
                    + " -w start -o '-p " + port + " -k " + folder + " -c listen_addresses=localhost'");
            return new DebianPostgres(folder, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public void createDatabase(String name) {
        run("postgres", "CREATE DATABASE " + name);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", PASSWORD);
    }

    public void run(String database, String... statements) {
        Statements.run(() -> connect(database), statements);
    }

    public String text(String database, String sql) {
        return Statements.text(() -> connect(database), sql);
    }

    /** {@code db} for this server's superuser. */
    public static Credentials credentials() {
        return ref -> ref.equals("db") ? Optional.of(new Credentials.Login("postgres", PASSWORD)) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            asPostgres(BIN.resolve("pg_ctl") + " -D " + folder.resolve("data") + " -m immediate stop");
        } finally {
            Shell.run(List.of("rm", "-rf", folder.toString()));
        }
    }

    private static void asPostgres(String command) {
        var argv = new ArrayList<String>();
        if ("root".equals(System.getProperty("user.name"))) {
            argv.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", command));
        } else {
            argv.addAll(List.of("sh", "-c", command));
        }
        Shell.run(argv);
    }

    private static void chownToPostgres(Path path) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            var owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(path, owner);
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
