package dev.ferry.plan;

import java.util.List;

/**
 * One phase of the plan. Phases form a DAG through {@code dependsOn}; each phase runs once per service.
 *
 * @param environment the environment a DEPLOY or ROLLBACK phase targets; null for other actions
 * @param dependsOn names of the phases whose step for the same service must succeed first
 * @param approvalRequired a person must approve before any service's step starts (implies a barrier)
 * @param barrier no service starts until every service's dependencies are done (instead of pipelining)
 * @param onFailure what a step that failed for good does to the rest of the run
 * @param retry how often and how fast a step that failed with a retryable error is tried again
 * @param checklist items a person confirms at a GATE phase; empty for other actions
 * @param services the services this phase runs for; empty for every service of the plan
 */
public record PhaseDefinition(
        String name,
        PhaseKind action,
        String environment,
        List<String> dependsOn,
        boolean approvalRequired,
        boolean barrier,
        FailurePolicy onFailure,
        RetryPolicy retry,
        List<String> checklist,
        List<String> services) {

    public PhaseDefinition {
        dependsOn = List.copyOf(dependsOn);
        checklist = List.copyOf(checklist);
        services = List.copyOf(services);
    }

    /** Whether this phase runs for the named service. */
    public boolean appliesTo(String service) {
        return services.isEmpty() || services.contains(service);
    }

    /** Whether no service may start before all of them are ready. */
    public boolean waitsForAllServices() {
        return barrier || approvalRequired;
    }
}
