package dev.ferry.planner.app;

import dev.ferry.plan.MigrationPlan;

/** Reads a plan document (YAML) into a validated plan. */
public interface PlanDocuments {

    /**
     * @throws IllegalArgumentException whose message lists every problem with its position, when the plan is invalid
     */
    MigrationPlan read(String planName, String document);
}
