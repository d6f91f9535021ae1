package dev.ferry.data.dump;

import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.domain.DumpedDatabase;
import dev.ferry.data.domain.StepKey;
import dev.ferry.runtime.DurableFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Database dumps under data-service's data directory, one folder per {@code backup-database} step: {@code pg_dump}'s
 * custom format for PostgreSQL, {@code mariadb-dump}'s SQL for MariaDB and MySQL. A dump is complete once its
 * description file is written (after the dump was moved into place), so a redelivered phase answers with the dump it
 * took and a crash in the middle dumps again. {@link #restore} puts a dump back into the database it came from.
 */
public final class Dumps {

    private static final String DUMP = "dump";
    private static final String DESCRIPTION = "backup.properties";

    private final Path root;
    private final Credentials credentials;

    public Dumps(Path root, Credentials credentials) {
        this.root = root;
        this.credentials = credentials;
    }

    /** A dump: its file, its size and the tool that wrote it. */
    public record Backup(Path file, long bytes, String tool, String database) {}

    public Backup backup(StepKey key, String jdbcUrl, String credentialRef) {
        DumpedDatabase database = DumpedDatabase.of(jdbcUrl);
        Path folder = root.resolve(key.folder());
        var done = described(folder);
        if (done.isPresent()) {
            return done.get();
        }
        Credentials.Login login = login(credentialRef, database);
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve(DUMP + DurableFiles.PARTIAL);
            String tool =
                    switch (database.engine()) {
                        case POSTGRESQL -> PostgresTools.dump(database, login, partial);
                        case MARIADB -> MariaDbTools.dump(database, login, partial);
                    };
            Path file = folder.resolve(DUMP);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            var description = new Properties();
            description.setProperty("database", jdbcUrl);
            description.setProperty("credentialRef", credentialRef);
            description.setProperty("tool", tool);
            DurableFiles.replace(folder.resolve(DESCRIPTION), text(description));
            return new Backup(file, Files.size(file), tool, database.toString());
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL,
                    true,
                    "cannot keep the dump of " + database + " under " + folder + "; check ferry.data.data-dir: "
                            + e.getMessage());
        }
    }

    /** Restores the dump of the {@code backup-database} step {@code key} into the database it was taken from. */
    public Backup restore(StepKey key) {
        Path folder = root.resolve(key.folder());
        Backup backup = described(folder)
                .orElseThrow(() -> new DataStepFailure(
                        DataStepFailure.Kind.NOT_FOUND,
                        false,
                        "no backup-database phase " + key.phase() + " of " + key.service() + " in run "
                                + key.migrationId() + " finished on this data-service; name a backup-database phase"
                                + " in backup"));
        Properties description = read(folder.resolve(DESCRIPTION));
        DumpedDatabase database = DumpedDatabase.of(description.getProperty("database"));
        Credentials.Login login = login(description.getProperty("credentialRef"), database);
        switch (database.engine()) {
            case POSTGRESQL -> PostgresTools.restore(database, login, backup.file());
            case MARIADB -> MariaDbTools.restore(database, login, backup.file());
        }
        return backup;
    }

    private Optional<Backup> described(Path folder) {
        Path description = folder.resolve(DESCRIPTION);
        if (!Files.exists(description)) {
            return Optional.empty();
        }
        Properties properties = read(description);
        Path file = folder.resolve(DUMP);
        try {
            return Optional.of(new Backup(
                    file,
                    Files.size(file),
                    properties.getProperty("tool"),
                    DumpedDatabase.of(properties.getProperty("database")).toString()));
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.NOT_FOUND, false, "the dump " + file + " is gone: " + e.getMessage());
        }
    }

    private Credentials.Login login(String credentialRef, DumpedDatabase database) {
        return credentials
                .login(credentialRef)
                .orElseThrow(() -> DataStepFailure.invalid("credential " + credentialRef + " for " + database
                        + " is not configured in data-service; set ferry.data.credentials." + credentialRef
                        + ".username and .password"));
    }

    private static Properties read(Path file) {
        var properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return properties;
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL, true, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static byte[] text(Properties properties) throws IOException {
        var out = new StringWriter();
        properties.store(out, "a backup-database dump");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** pg_dump and pg_restore, the password in PGPASSWORD. */
    static final class PostgresTools {

        private PostgresTools() {}

        static String dump(DumpedDatabase database, Credentials.Login login, Path file) {
            Tool.of(command("pg_dump", database, login, "--format=custom", "--file=" + file), environment(login))
                    .run("dump " + database);
            return Tool.version("pg_dump");
        }

        /** Drops and recreates what the dump holds, in one transaction: a failed restore changes nothing. */
        static void restore(DumpedDatabase database, Credentials.Login login, Path file) {
            Tool.of(
                            command(
                                    "pg_restore",
                                    database,
                                    login,
                                    "--clean",
                                    "--if-exists",
                                    "--single-transaction",
                                    "--exit-on-error",
                                    file.toString()),
                            environment(login))
                    .run("restore " + file + " into " + database);
        }

        private static List<String> command(
                String tool, DumpedDatabase database, Credentials.Login login, String... extra) {
            var command = new ArrayList<>(List.of(
                    tool,
                    "--no-password",
                    "--no-owner",
                    "--host=" + database.host(),
                    "--port=" + database.port(),
                    "--username=" + login.user(),
                    "--dbname=" + database.database()));
            command.addAll(List.of(extra));
            return command;
        }

        private static Map<String, String> environment(Credentials.Login login) {
            return Map.of("PGPASSWORD", login.password());
        }
    }

    /** mariadb-dump and mariadb, the login in an options file only data-service can read, deleted after the run. */
    static final class MariaDbTools {

        private MariaDbTools() {}

        static String dump(DumpedDatabase database, Credentials.Login login, Path file) {
            withOptions(login, options -> Tool.of(
                            client(
                                    "mariadb-dump",
                                    options,
                                    database,
                                    "--single-transaction",
                                    "--routines",
                                    "--triggers",
                                    "--result-file=" + file),
                            Map.of())
                    .run("dump " + database));
            return Tool.version("mariadb-dump");
        }

        static void restore(DumpedDatabase database, Credentials.Login login, Path file) {
            withOptions(login, options -> Tool.of(client("mariadb", options, database), Map.of())
                    .readingFrom(file)
                    .run("restore " + file + " into " + database));
        }

        /** The tool's command: the options file first (MariaDB requires it so), the server, the extras, the database. */
        private static List<String> client(String tool, Path options, DumpedDatabase database, String... extra) {
            var command = new ArrayList<>(List.of(
                    tool,
                    "--defaults-extra-file=" + options,
                    "--host=" + database.host(),
                    "--port=" + database.port()));
            command.addAll(List.of(extra));
            command.add(database.database());
            return command;
        }

        private static void withOptions(Credentials.Login login, Consumer<Path> run) {
            Path options = null;
            try {
                options = Files.createTempFile(
                        "ferry-mariadb",
                        ".cnf",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(
                        options,
                        "[client]\nuser=" + quoted(login.user()) + "\npassword=" + quoted(login.password()) + "\n",
                        StandardCharsets.UTF_8);
                run.accept(options);
            } catch (IOException e) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.INTERNAL,
                        true,
                        "cannot write the client's options file: " + e.getMessage());
            } finally {
                Tool.deleteQuietly(options);
            }
        }

        /** An option value in double quotes, with the escapes MariaDB's option files read. */
        private static String quoted(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
