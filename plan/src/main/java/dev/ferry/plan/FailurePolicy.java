package dev.ferry.plan;

/** What a step that failed for good (retries spent, or not retryable) does to the rest of the run. */
public enum FailurePolicy {
    /** Nothing new starts in the run; running steps finish; the run fails unless a retry command revives it. */
    STOP,
    /** The other services go on; only the failed service's later steps are skipped. */
    CONTINUE,
    /**
     * On a deploy phase: when a service's deploy or its smoke checks fail, deploy-service restores the tag the
     * environment ran before (as a rollback step does) and reports how long that took. On a phase that depends on a
     * backup-database phase: the planner has the latest such dump of the service restored ({@code restore-database}).
     * Then the run goes on as with {@link #CONTINUE}.
     */
    ROLLBACK
}
