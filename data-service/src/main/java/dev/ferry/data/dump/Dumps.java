package dev.ferry.data.dump;

import dev.ferry.data.domain.BackupStore;
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
 * Database dumps, one per {@code backup-database} step: {@code pg_dump}'s custom format for PostgreSQL,
 * {@code mariadb-dump}'s SQL for MariaDB and MySQL, kept in a folder of data-service's data directory or, when the plan
 * names a {@link BackupStore}, in an S3-compatible bucket (the local file goes once it is stored). A dump is complete
 * once its description file is written (after the dump was moved into place or stored), so a redelivered phase answers
 * with the dump it took and a crash in the middle dumps again. {@link #restore} puts a dump back into the database it
 * came from, fetching it from the bucket first.
 */
public final class Dumps {

    private static final String DUMP = "dump";
    private static final String DESCRIPTION = "backup.properties";

    private final Path root;
    private final Credentials credentials;
    private final Offsite offsite;

    public Dumps(Path root, Credentials credentials, Offsite offsite) {
        this.root = root;
        this.credentials = credentials;
        this.offsite = offsite;
    }

    /** A dump: where it is (a file, or {@code s3://bucket/key}), its size and the tool that wrote it. */
    public record Backup(String location, long bytes, String tool, String database) {}

    public Backup backup(StepKey key, String jdbcUrl, String credentialRef) {
        return backup(key, jdbcUrl, credentialRef, Optional.empty());
    }

    /** Dumps the database into the data directory, then into {@code store} when there is one. */
    public Backup backup(StepKey key, String jdbcUrl, String credentialRef, Optional<BackupStore> store) {
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
            long bytes = Files.size(file);
            var description = new Properties();
            description.setProperty("database", jdbcUrl);
            description.setProperty("credentialRef", credentialRef);
            description.setProperty("tool", tool);
            description.setProperty("bytes", Long.toString(bytes));
            String location = file.toString();
            if (store.isPresent()) {
                location = stored(store.get(), key, file, description);
            }
            DurableFiles.replace(folder.resolve(DESCRIPTION), text(description));
            if (store.isPresent()) {
                Files.delete(file);
            }
            return new Backup(location, bytes, tool, database.toString());
        } catch (IOException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL,
                    true,
                    "cannot keep the dump of " + database + " under " + folder + "; check ferry.data.data-dir: "
                            + e.getMessage());
        }
    }

    /** Puts the dump into the bucket and notes where in its description. */
    private String stored(BackupStore store, StepKey key, Path file, Properties description) {
        String objectKey = store.objectKey(key, DUMP);
        offsite.put(store, objectKey, file);
        description.setProperty("storage", "s3://" + store.bucket() + "/" + store.prefix());
        store.endpoint().ifPresent(endpoint -> description.setProperty("storageEndpoint", endpoint.toString()));
        description.setProperty("storageCredentialRef", store.credentialRef());
        description.setProperty("object", objectKey);
        return store.location(objectKey);
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
        Optional<BackupStore> store = store(description);
        Path file = store.isPresent() ? folder.resolve(DUMP + DurableFiles.PARTIAL) : Path.of(backup.location());
        try {
            store.ifPresent(bucket -> offsite.get(bucket, description.getProperty("object"), file));
            switch (database.engine()) {
                case POSTGRESQL -> PostgresTools.restore(database, login, file);
                case MARIADB -> MariaDbTools.restore(database, login, file);
            }
        } finally {
            if (store.isPresent()) {
                Tool.deleteQuietly(file);
            }
        }
        return backup;
    }

    private static Optional<BackupStore> store(Properties description) {
        return BackupStore.of(
                description.getProperty("storage"),
                description.getProperty("storageEndpoint"),
                description.getProperty("storageCredentialRef"));
    }

    private Optional<Backup> described(Path folder) {
        Path description = folder.resolve(DESCRIPTION);
        if (!Files.exists(description)) {
            return Optional.empty();
        }
        Properties properties = read(description);
        String database = DumpedDatabase.of(properties.getProperty("database")).toString();
        var store = store(properties);
        if (store.isPresent()) {
            return Optional.of(new Backup(
                    store.get().location(properties.getProperty("object")),
                    Long.parseLong(properties.getProperty("bytes", "0")),
                    properties.getProperty("tool"),
                    database));
        }
        Path file = folder.resolve(DUMP);
        try {
            return Optional.of(new Backup(file.toString(), Files.size(file), properties.getProperty("tool"), database));
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
