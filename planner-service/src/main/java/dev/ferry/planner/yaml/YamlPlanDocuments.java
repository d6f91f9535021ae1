package dev.ferry.planner.yaml;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.InvalidPlanException;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.planner.app.PlanDocuments;

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
