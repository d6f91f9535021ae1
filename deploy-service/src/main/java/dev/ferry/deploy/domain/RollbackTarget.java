package dev.ferry.deploy.domain;

/** What a deploy with {@code onFailure: rollback} restores when it or its checks fail. */
public sealed interface RollbackTarget {

    /** The tag the run deployed to the environment before: the planner knows it. */
    record Tag(String tag) implements RollbackTarget {}

    /**
     * The version the GitOps file held just before this step wrote its own: a run that has not deployed to the
     * environment yet still restores what the environment ran (an earlier run's tag), and a file that held none
     * leaves nothing to restore.
     */
    record BeforeWrite() implements RollbackTarget {}
}
