package dev.ferry.plan;

import dev.ferry.plan.action.Action;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One phase of the plan. Phases form a DAG through {@code dependsOn}; each phase runs once per service.
 *
 * @param action what the phase does, from the action catalogue
 * @param environment the environment of an action that takes one (deploy, rollback); null otherwise
 * @param dependsOn names of the phases that must succeed first: for the same service when that phase runs for it,
 *     else for every service it runs for
 * @param approvalRequired a person must approve before any service's step starts (implies a barrier)
 * @param barrier no service starts until every service's dependencies are done (instead of pipelining)
 * @param onFailure what a step that failed for good does to the rest of the run
 * @param retry how often and how fast a step that failed with a retryable error is tried again
 * @param checklist items a person confirms at a gate; empty for other actions
 * @param services the services this phase runs for; empty for every service of the plan
 * @param rollout whether the phase's services run side by side or one after another
 * @param timeout how long one step may run; the action's default unless the plan sets one
 * @param settings the action's other fields as written (e.g. a wait's {@code duration}), already validated
 * @param approvals the roles that must each sign off, by distinct people (e.g. developer, tech-lead, devops); empty
 *     for one approval by the approver role when {@code approvalRequired}
 */
public record PhaseDefinition(
        String name,
        Action action,
        String environment,
        List<String> dependsOn,
        boolean approvalRequired,
        boolean barrier,
        FailurePolicy onFailure,
        RetryPolicy retry,
        List<String> checklist,
        List<String> services,
        Rollout rollout,
        Duration timeout,
        Map<String, String> settings,
        List<String> approvals) {

    public PhaseDefinition {
        approvals = List.copyOf(approvals);
        dependsOn = List.copyOf(dependsOn);
        checklist = List.copyOf(checklist);
        services = List.copyOf(services);
        settings = Map.copyOf(settings);
    }

    /** A phase with the defaults for rollout, timeout and action settings. */
    public PhaseDefinition(
            String name,
            Action action,
            String environment,
            List<String> dependsOn,
            boolean approvalRequired,
            boolean barrier,
            FailurePolicy onFailure,
            RetryPolicy retry,
            List<String> checklist,
            List<String> services) {
        this(
                name,
                action,
                environment,
                dependsOn,
                approvalRequired,
                barrier,
                onFailure,
                retry,
                checklist,
                services,
                Rollout.PARALLEL,
                action.defaultTimeout(),
                Map.of(),
                List.of());
    }

    /** Whether this phase runs for the named service. */
    public boolean appliesTo(String service) {
        return services.isEmpty() || services.contains(service);
    }

    /** Whether no service may start before all of them are ready. */
    public boolean waitsForAllServices() {
        return barrier || approvalRequired;
    }

    /** Whether a person must approve the phase before its steps start (or, for a gate, before it succeeds). */
    public boolean waitsForPerson() {
        return approvalRequired || action.waitsForPerson();
    }

    /** The same phase depending on other phases and running for every service (continuous delivery). */
    public PhaseDefinition dependingOn(List<String> phases) {
        return new PhaseDefinition(
                name,
                action,
                environment,
                phases,
                approvalRequired,
                false,
                onFailure,
                retry,
                List.of(),
                List.of(),
                rollout,
                timeout,
                settings,
                approvals);
    }
}
