package dev.ferry.planner.domain.run;

/** Where one service's step of one phase stands. */
public enum StepState {
    PENDING,
    STARTED,
    /** Failed with a retryable error; starts again when its pause is over. */
    RETRY_WAIT,
    SUCCEEDED,
    FAILED,
    /** Never runs in this run, because a step it depends on failed. */
    SKIPPED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }
}
