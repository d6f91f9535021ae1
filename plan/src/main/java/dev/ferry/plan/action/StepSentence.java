package dev.ferry.plan.action;

/** The dry run's line for one service's step of an action. */
@FunctionalInterface
public interface StepSentence {
    String describe(StepContext step);
}
