package dev.ferry.planner.app;

import dev.ferry.plan.MigrationPlan;

/** Reads a plan document (YAML) into a validated plan. */
public interface PlanDocuments {

    /**
     * @throws IllegalArgumentException whose message lists every problem with its position, when the plan is invalid
     */
    MigrationPlan read(String planName, String document);

    /**
     * Reads the plan of a run already started, to rebuild it: checked as it was when it started, so a binding of
     * credentials to hosts tightened since does not strand a run halfway (its next steps are still checked by the
     * workers' own credentials).
     */
    default MigrationPlan readStarted(String planName, String document) {
        return read(planName, document);
    }
}
