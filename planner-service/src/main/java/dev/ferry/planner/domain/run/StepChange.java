package dev.ferry.planner.domain.run;

import dev.ferry.plan.action.Action;

/**
 * One step's change made by one input: what it was (null for a rollback step's first attempt) and what it is now,
 * with the action the step runs. Observers (metrics) read these instead of comparing every step of the run.
 */
public record StepChange(Step before, Step after, Action action) {}
