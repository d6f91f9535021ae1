package dev.ferry.plan.action;

import java.time.Duration;

/**
 * {@code cutover-data}: ends a {@code migrate-data} phase's stream for good (data-service), usually after an approval.
 * The stream stops at a consistent point (the target caught up with the source's position read at the stop), the
 * tables are verified once more, and the source position is recorded. From then on the service's database is the
 * truth; a rollback means pointing the service back at the source, and the rows written since are the service's to
 * carry back. On the wire: {@code migration}.
 */
public final class CutoverData {
    public static final String MIGRATION = DataPhases.MIGRATION;

    /** Output: the source's log position the target holds everything up to. */
    public static final String SOURCE_POSITION = "sourcePosition";
    /** Output: the rows compared by the last verification. */
    public static final String ROWS_COMPARED = VerifyData.ROWS_COMPARED;
    /** Output: the tables and their row counts at cutover, comma-separated. */
    public static final String TABLES_VERIFIED = VerifyData.TABLES_VERIFIED;

    static final Action ACTION = Action.named(
                    "cutover-data",
                    "stops a data migration's stream at a consistent point, verifies once more and records the source"
                            + " position")
            .fields(DataPhases.MIGRATION_FIELD)
            .outputs(SOURCE_POSITION, ROWS_COMPARED, TABLES_VERIFIED)
            .timeout(Duration.ofHours(1))
            .notRetryable()
            .describedAs(step -> "stop the stream of " + step.phase().settings().get(MIGRATION)
                    + " once the target has caught up, verify it and record the source position");

    private CutoverData() {}
}
