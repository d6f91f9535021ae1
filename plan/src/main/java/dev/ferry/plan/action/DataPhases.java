package dev.ferry.plan.action;

/**
 * What the actions that act on a running {@code migrate-data} share: the {@code migration} field naming that phase
 * (verify-data, cutover-data, rollback-data read the tables, databases and stream of the service's step there).
 */
final class DataPhases {
    static final String MIGRATION = "migration";

    static final ActionField MIGRATION_FIELD = ActionField.required(
            MIGRATION,
            ActionField.Type.TEXT,
            "the name of the migrate-data phase whose tables (and stream) this phase acts on, e.g. copy-users");

    private DataPhases() {}
}
