package dev.ferry.plan.action;

import dev.ferry.plan.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code migrate-data}: copies a service's tables out of a shared database into the service's own (data-service).
 * The tables are copied consistently under the snapshot of the replication slot the step creates (COPY to COPY, as
 * fast as {@code pg_dump | psql}), then Debezium's embedded engine streams their inserts, updates and deletes from
 * that slot; the target is written with upserts keyed by the primary key, so a replayed change is harmless. The step succeeds when the
 * snapshot is copied and the lag is under {@code maxLag}; the stream goes on until {@code cutover-data} (or
 * {@code rollback-data}) names this phase. Databases are named by a JDBC URL and the name of a credential configured in
 * data-service, never by a password.
 *
 * <p>On the wire ({@code PhaseStarted.settings}): {@code sourceDatabase}, {@code sourceCredentialRef},
 * {@code targetDatabase}, {@code targetCredentialRef}, {@code tables.n} (from 1), {@code renames.TABLE.COLUMN} (the
 * target's column name), {@code filters.TABLE} (an SQL condition over the source row), {@code targetTables.TABLE},
 * {@code maxLag} and {@code mode}.
 */
public final class MigrateData {
    public static final String SOURCE_DATABASE = "sourceDatabase";
    public static final String SOURCE_CREDENTIAL_REF = "sourceCredentialRef";
    public static final String TARGET_DATABASE = "targetDatabase";
    public static final String TARGET_CREDENTIAL_REF = "targetCredentialRef";
    public static final String TABLES = "tables";
    public static final String RENAMES = "renames";
    public static final String FILTERS = "filters";
    public static final String TARGET_TABLES = "targetTables";
    public static final String MAX_LAG = "maxLag";
    public static final String MODE = "mode";

    /** Mode {@code copy}: a target table that already holds rows Ferry did not copy refuses the step. */
    public static final String COPY = "copy";
    /** Mode {@code merge}: rows already in a target table stay; copied rows replace those with the same key. */
    public static final String MERGE = "merge";

    /** How far behind the source the target may be for the step to succeed, unless the plan says. */
    public static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);

    /** Output: rows written to the target by the snapshot and the stream so far. */
    public static final String ROWS_COPIED = "rowsCopied";
    /** Output: the target tables the step created, comma-separated (a rollback drops only these). */
    public static final String TABLES_CREATED = "tablesCreated";
    /** Output: how far behind the source the target was when the step succeeded, in seconds. */
    public static final String LAG_SECONDS = "lagSeconds";
    /** Output: the source's log position the target had reached (a PostgreSQL LSN). */
    public static final String SOURCE_POSITION = "sourcePosition";

    private static final ActionField MODE_FIELD = ActionField.choice(
            MODE,
            List.of(COPY, MERGE),
            "copy (a target table holding rows Ferry did not copy refuses the step) or merge (they stay, copied rows"
                    + " replace those with the same key)");

    static final Action ACTION = Action.named(
                    "migrate-data",
                    "copies tables from a shared database into a service's own (snapshot, then a change stream until"
                            + " cutover)")
            .fields(databaseFields(
                    ActionField.optional(
                            MAX_LAG,
                            ActionField.Type.DURATION,
                            "how far behind the source the target may be for the step to succeed; default 10s"),
                    MODE_FIELD))
            .outputs(ROWS_COPIED, TABLES_CREATED, LAG_SECONDS, SOURCE_POSITION)
            .timeout(Duration.ofHours(6))
            .undo(Action.Undo.ROLLBACK_DATA)
            .describedAs(step -> "copy " + String.join(", ", tables(step.phase().settings())) + " from "
                    + step.phase().settings().get(SOURCE_DATABASE) + " to "
                    + step.phase().settings().get(TARGET_DATABASE)
                    + ", then stream their changes until cutover");

    private MigrateData() {}

    private static ActionField[] databaseFields(ActionField... extra) {
        var fields = new ArrayList<>(List.of(
                ActionField.required(
                        SOURCE_DATABASE,
                        ActionField.Type.TEXT,
                        "the JDBC URL of the database the tables are copied from, e.g."
                                + " jdbc:postgresql://monolith-db:5432/chat (PostgreSQL with wal_level=logical) or"
                                + " jdbc:mariadb://monolith-db:3306/shop (MariaDB/MySQL with binlog_format=ROW)"),
                ActionField.required(
                        SOURCE_CREDENTIAL_REF,
                        ActionField.Type.TEXT,
                        "the name of the credential data-service holds for the source; never the password"),
                ActionField.required(
                        TARGET_DATABASE,
                        ActionField.Type.TEXT,
                        "the JDBC URL of the service's own database, e.g. jdbc:postgresql://auth-db:5432/auth"),
                ActionField.required(
                        TARGET_CREDENTIAL_REF,
                        ActionField.Type.TEXT,
                        "the name of the credential data-service holds for the target; never the password"),
                ActionField.required(
                        TABLES,
                        ActionField.Type.STRING_LIST,
                        "the source tables to copy, e.g. [users] or [public.contacts, public.invitations]; each"
                                + " needs a primary key"),
                ActionField.optional(
                        RENAMES,
                        ActionField.Type.TEXT_MAP,
                        "columns named differently in the target, by table.column: users.name: full_name"),
                ActionField.optional(
                        FILTERS,
                        ActionField.Type.TEXT_MAP,
                        "per table, an SQL condition over the source row; only rows that meet it are copied"),
                ActionField.optional(
                        TARGET_TABLES,
                        ActionField.Type.TEXT_MAP,
                        "per table, its name in the target when it differs: user_profiles: profiles")));
        fields.addAll(List.of(extra));
        return fields.toArray(ActionField[]::new);
    }

    public static List<String> tables(Map<String, String> settings) {
        return ActionField.items(settings, TABLES);
    }

    /** Target column names by {@code table.column} of the source. */
    public static Map<String, String> renames(Map<String, String> settings) {
        return ActionField.entries(settings, RENAMES);
    }

    public static Map<String, String> filters(Map<String, String> settings) {
        return ActionField.entries(settings, FILTERS);
    }

    public static Map<String, String> targetTables(Map<String, String> settings) {
        return ActionField.entries(settings, TARGET_TABLES);
    }

    public static Duration maxLag(Map<String, String> settings) {
        String written = settings.get(MAX_LAG);
        return written == null ? DEFAULT_MAX_LAG : DurationText.parse(written).orElseThrow();
    }

    public static boolean merges(Map<String, String> settings) {
        return MERGE.equals(MODE_FIELD.chosen(settings));
    }
}
