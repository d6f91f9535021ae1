package dev.ferry.plan.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code verify-data}: checks that a {@code migrate-data} phase's target holds what its source holds (data-service).
 * Per table, the row counts of both sides and checksums over the rows in primary-key order, computed by the databases
 * in chunks of {@code chunkRows}; a difference names the first key range that differs and a few of its rows. While
 * the stream runs, the comparison waits until the target has caught up with the source at one point. Then each foreign
 * key in {@code foreignKeys} (written in the target's names, {@code contacts.user_id -> users.id}) must find its row.
 *
 * <p>On the wire: {@code migration}, {@code foreignKeys.n} (from 1) and {@code chunkRows}.
 */
public final class VerifyData {
    public static final String MIGRATION = DataPhases.MIGRATION;
    public static final String FOREIGN_KEYS = "foreignKeys";
    public static final String CHUNK_ROWS = "chunkRows";

    /** Rows per checksum when the plan does not say. */
    public static final int DEFAULT_CHUNK_ROWS = 10_000;

    /** Output: the tables compared, comma-separated, each with its row count ({@code users=120}). */
    public static final String TABLES_VERIFIED = "tablesVerified";
    /** Output: the rows compared over all tables. */
    public static final String ROWS_COMPARED = "rowsCompared";
    /** Output: the checksum of each table in the target ({@code users=3f2a...}), comma-separated. */
    public static final String CHECKSUMS = "checksums";
    /** Output: the foreign keys checked, comma-separated. */
    public static final String FOREIGN_KEYS_CHECKED = "foreignKeysChecked";

    static final Action ACTION = Action.named(
                    "verify-data",
                    "compares a data migration's target with its source: counts, checksums in key order, foreign"
                            + " keys")
            .fields(
                    DataPhases.MIGRATION_FIELD,
                    ActionField.optional(
                            FOREIGN_KEYS,
                            ActionField.Type.STRING_LIST,
                            "foreign keys to check in the target, written table.column -> table.column, e.g."
                                    + " contacts.user_id -> users.id"),
                    ActionField.optional(
                            CHUNK_ROWS,
                            ActionField.Type.COUNT,
                            "rows per checksum chunk; default " + DEFAULT_CHUNK_ROWS))
            .outputs(TABLES_VERIFIED, ROWS_COMPARED, CHECKSUMS, FOREIGN_KEYS_CHECKED)
            .timeout(Duration.ofHours(2))
            .describedAs(step -> "compare the tables of "
                    + step.phase().settings().get(MIGRATION)
                    + " on both sides (counts and checksums in key order)"
                    + (foreignKeys(step.phase().settings()).isEmpty()
                            ? ""
                            : " and check "
                                    + String.join(", ", foreignKeys(step.phase().settings()))));

    private VerifyData() {}

    public static List<String> foreignKeys(Map<String, String> settings) {
        return ActionField.items(settings, FOREIGN_KEYS);
    }

    public static int chunkRows(Map<String, String> settings) {
        return Integer.parseInt(settings.getOrDefault(CHUNK_ROWS, Integer.toString(DEFAULT_CHUNK_ROWS)));
    }
}
