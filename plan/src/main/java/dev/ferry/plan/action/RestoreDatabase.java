package dev.ferry.plan.action;

import java.time.Duration;

/**
 * {@code restore-database}: puts back the dump a {@code backup-database} phase of the same run took (data-service),
 * into the database it was taken from: the tables the dump holds are dropped and recreated with their rows, in one
 * transaction for PostgreSQL. It is that phase's rollback. On the wire: {@code backup}.
 */
public final class RestoreDatabase {
    public static final String BACKUP = "backup";

    /** Output: the dump restored. */
    public static final String RESTORED_FROM = "restoredFrom";
    /** Output: the database it was restored into. */
    public static final String DATABASE = "database";

    static final Action ACTION = Action.named(
                    "restore-database", "restores the dump a backup-database phase took into the database it came from")
            .fields(ActionField.required(
                    BACKUP,
                    ActionField.Type.TEXT,
                    "the name of the backup-database phase whose dump is restored, e.g. backup-monolith"))
            .outputs(RESTORED_FROM, DATABASE)
            .timeout(Duration.ofHours(2))
            .notRetryable()
            .describedAs(step -> "restore the dump of "
                    + step.phase().settings().get(BACKUP) + " into the database it was taken from");

    private RestoreDatabase() {}
}
