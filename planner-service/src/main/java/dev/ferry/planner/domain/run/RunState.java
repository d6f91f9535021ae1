package dev.ferry.planner.domain.run;

/** Where a migration run stands as a whole. */
public enum RunState {
    RUNNING,
    /** Nothing new starts; steps already running finish and are recorded. */
    PAUSED,
    SUCCEEDED,
    /** A step failed for good; a retry command can revive the run. */
    FAILED,
    /** Stopped by a person; never resumes. */
    ABORTED;

    /** Whether the run has ended (a FAILED run may still be revived by a retry). */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ABORTED;
    }
}
