package dev.ferry.plan.yaml;

import dev.ferry.plan.DryRun;
import dev.ferry.plan.MigrationPlan;
import java.util.List;

/**
 * A plan checked before it is applied, as data: {@code ferry plan validate|show -o json} prints it, and the planner
 * answers a dashboard's check with it.
 *
 * @param problems everything wrong with the plan, in file order; empty when it is valid
 * @param dryRun what applying it would do; null when it is not valid, or when only its validity was asked
 */
public record PlanCheck(boolean valid, String planName, List<PlanProblem> problems, DryRun dryRun) {

    public PlanCheck {
        problems = List.copyOf(problems);
    }

    /** A valid plan, with what applying it would do. */
    public static PlanCheck of(MigrationPlan plan) {
        return new PlanCheck(true, plan.name(), List.of(), DryRun.of(plan));
    }

    /** A plan that cannot be run, with every problem. */
    public static PlanCheck refused(List<PlanProblem> problems) {
        return new PlanCheck(false, null, problems, null);
    }

    /** The same check without its dry run ({@code ferry plan validate}). */
    public PlanCheck withoutDryRun() {
        return new PlanCheck(valid, planName, problems, null);
    }
}
