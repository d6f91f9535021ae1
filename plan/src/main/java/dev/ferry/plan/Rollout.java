package dev.ferry.plan;

/** How a phase's services go through it. */
public enum Rollout {
    /** Every service whose dependencies are done starts at once (the default). */
    PARALLEL,
    /** One service after another, in the plan's order: the next starts when the one before has ended. */
    SEQUENTIAL
}
