package dev.ferry.planner.domain.run;

/** A phase's state, derived from its steps and its approval. */
public enum PhaseState {
    PENDING,
    AWAITING_APPROVAL,
    RUNNING,
    SUCCEEDED,
    PARTIALLY_FAILED,
    FAILED
}
