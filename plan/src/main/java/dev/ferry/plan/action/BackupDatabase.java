package dev.ferry.plan.action;

import java.time.Duration;

/**
 * {@code backup-database}: dumps a database before a risky phase (data-service): {@code pg_dump} for a PostgreSQL URL,
 * {@code mariadb-dump} for a MariaDB or MySQL one, run in the worker and kept under its data directory. The password
 * comes from the credential data-service holds and reaches the tool by its environment or a private options file,
 * never its command line. A {@code restore-database} phase naming this one puts the dump back. On the wire:
 * {@code database}, {@code credentialRef}, and for a dump kept in an S3-compatible bucket {@code storage},
 * {@code storageEndpoint}, {@code storageCredentialRef}.
 */
public final class BackupDatabase {
    public static final String DATABASE = "database";
    public static final String CREDENTIAL_REF = "credentialRef";
    public static final String STORAGE = "storage";
    public static final String STORAGE_ENDPOINT = "storageEndpoint";
    public static final String STORAGE_CREDENTIAL_REF = "storageCredentialRef";

    /** Output: the dump's file in data-service's data directory, or its {@code s3://bucket/key}. */
    public static final String BACKUP_FILE = "backupFile";
    /** Output: the dump's size in bytes. */
    public static final String BYTES = "bytes";
    /** Output: the tool that wrote it, with its version. */
    public static final String TOOL = "tool";

    static final Action ACTION = Action.named(
                    "backup-database",
                    "dumps a database into data-service's data directory or an S3-compatible bucket before a risky"
                            + " phase")
            .fields(
                    ActionField.required(
                            DATABASE,
                            ActionField.Type.TEXT,
                            "the JDBC URL of the database to dump, e.g. jdbc:postgresql://monolith-db:5432/chat or"
                                    + " jdbc:mariadb://monolith-db:3306/chat"),
                    ActionField.required(
                            CREDENTIAL_REF,
                            ActionField.Type.TEXT,
                            "the name of the credential data-service holds for the database; never the password"),
                    ActionField.optional(
                            STORAGE,
                            ActionField.Type.TEXT,
                            "where the dump is kept instead of data-service's data directory: an S3-compatible"
                                    + " bucket and key prefix, e.g. s3://ferry-backups/monolith"),
                    ActionField.optional(
                            STORAGE_ENDPOINT,
                            ActionField.Type.TEXT,
                            "the address of an S3-compatible server other than AWS's, e.g. http://minio:9000"),
                    ActionField.optional(
                            STORAGE_CREDENTIAL_REF,
                            ActionField.Type.TEXT,
                            "with storage: the name of the credential data-service holds for the bucket (access key"
                                    + " id and secret key); never the key itself"))
            .outputs(BACKUP_FILE, BYTES, TOOL)
            .timeout(Duration.ofHours(2))
            .undo(Action.Undo.RESTORE_BACKUP)
            .describedAs(step -> "dump " + step.phase().settings().get(DATABASE) + " into "
                    + step.phase().settings().getOrDefault(STORAGE, "data-service's data directory"));

    private BackupDatabase() {}
}
