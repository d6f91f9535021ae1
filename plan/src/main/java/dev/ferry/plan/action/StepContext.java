package dev.ferry.plan.action;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.ServiceDefinition;
import java.util.Set;

/**
 * What a dry-run sentence may read: the plan, the phase, the service, and which actions run before the phase.
 *
 * @param before the actions of every phase this one depends on, directly or not
 */
public record StepContext(MigrationPlan plan, PhaseDefinition phase, ServiceDefinition service, Set<Action> before) {

    public StepContext {
        before = Set.copyOf(before);
    }
}
