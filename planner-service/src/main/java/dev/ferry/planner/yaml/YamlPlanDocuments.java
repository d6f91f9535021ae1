package dev.ferry.planner.yaml;

import dev.ferry.planner.app.PlanDocuments;
import dev.ferry.planner.domain.plan.MigrationPlan;

/** Plan documents carried by start commands, read with {@link PlanReader}. */
public final class YamlPlanDocuments implements PlanDocuments {

    @Override
    public MigrationPlan read(String planName, String document) {
        try {
            return PlanReader.read(planName + ".yaml", document);
        } catch (InvalidPlanException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }
}
