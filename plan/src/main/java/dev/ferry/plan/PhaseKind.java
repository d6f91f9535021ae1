package dev.ferry.plan;

/**
 * What a phase does. ROLLBACK phases do not run in the normal flow: they describe how a rollback command for their
 * environment is carried out. A GATE phase runs no worker: it waits for a person to approve its checklist.
 */
public enum PhaseKind {
    SPLIT,
    BUILD,
    DEPLOY,
    ROLLBACK,
    ARCHIVE,
    GATE;

    /** Whether a phase of this kind runs in the normal forward flow of a run. */
    public boolean runsForward() {
        return this != ROLLBACK;
    }
}
