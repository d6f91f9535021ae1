package dev.ferry.plan.action;

import java.time.Duration;

/**
 * {@code rollback-data}: undoes a {@code migrate-data} phase that has not been cut over (data-service): the stream
 * stops and the target tables the step created are dropped; tables that existed before (mode merge) are left as they
 * are. After a cutover it refuses, saying that a rollback then means pointing the service back at the source. On the
 * wire: {@code migration}.
 */
public final class RollbackData {
    public static final String MIGRATION = DataPhases.MIGRATION;

    /** Output: the target tables dropped, comma-separated. */
    public static final String TABLES_DROPPED = "tablesDropped";
    /** Output: the target tables left as they were because the step did not create them, comma-separated. */
    public static final String TABLES_KEPT = "tablesKept";

    static final Action ACTION = Action.named(
                    "rollback-data",
                    "stops a data migration's stream before cutover and drops the target tables it created")
            .fields(DataPhases.MIGRATION_FIELD)
            .outputs(TABLES_DROPPED, TABLES_KEPT)
            .timeout(Duration.ofMinutes(10))
            .describedAs(step -> "stop the stream of " + step.phase().settings().get(MIGRATION)
                    + " and drop the target tables it created");

    private RollbackData() {}
}
