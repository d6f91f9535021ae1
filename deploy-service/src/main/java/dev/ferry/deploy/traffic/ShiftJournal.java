package dev.ferry.deploy.traffic;

/** Keeps each running shift's progress durably, so a restart resumes it where it was. */
public interface ShiftJournal {

    /** Saves (or replaces) the shift's progress; returns once it would survive a crash. */
    void save(ShiftRequest request, ShiftProgress progress);

    /**
     * Whether a rollback command asked the shifts on this request's route to stop: checked before each weight is
     * written and at each look during a hold, so a stopped shift never raises the weight again.
     */
    default boolean stopRequested(ShiftRequest request) {
        return false;
    }
}
