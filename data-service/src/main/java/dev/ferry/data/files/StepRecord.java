package dev.ferry.data.files;

import java.util.List;
import java.util.Map;

/**
 * What data-service keeps about one {@code migrate-data} step across restarts: the phase's settings (to rebuild the
 * migration), the target tables it created (the only ones a rollback drops), where it stands, and the source position
 * recorded at cutover.
 */
public record StepRecord(
        String migrationId,
        String phase,
        String service,
        Map<String, String> settings,
        List<String> tablesCreated,
        State state,
        String sourcePosition,
        Long targetMark) {

    public StepRecord {
        settings = Map.copyOf(settings);
        tablesCreated = List.copyOf(tablesCreated);
    }

    /** Where a migration stands. */
    public enum State {
        /** The stream runs (or is to run again after a restart). */
        STREAMING,
        /** Stopped for good at a verified point; the service's database is the truth now. */
        CUT_OVER,
        /** Stopped and the created tables dropped. */
        ROLLED_BACK
    }

    public StepRecord with(State newState, String position) {
        return new StepRecord(migrationId, phase, service, settings, tablesCreated, newState, position, targetMark);
    }

    public StepRecord cutOver(String position, long mark) {
        return new StepRecord(migrationId, phase, service, settings, tablesCreated, State.CUT_OVER, position, mark);
    }
}
