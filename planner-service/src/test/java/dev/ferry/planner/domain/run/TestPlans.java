package dev.ferry.planner.domain.run;

import dev.ferry.plan.DeploySettings;
import dev.ferry.plan.EnvironmentDefinition;
import dev.ferry.plan.FailurePolicy;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PhaseDefinition;
import dev.ferry.plan.RetryPolicy;
import dev.ferry.plan.Rollout;
import dev.ferry.plan.SamplePlan;
import dev.ferry.plan.ServiceDefinition;
import dev.ferry.plan.SourceRepository;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import dev.ferry.plan.action.Wait;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Plans written in Java for state machine tests, without the YAML reader. */
final class TestPlans {

    private TestPlans() {}

    static MigrationPlan plan(List<String> services, PhaseDefinition... phases) {
        var definitions = services.stream()
                .map(name -> new ServiceDefinition(
                        name, "services/" + name, null, null, DeploySettings.none(), null, Map.of()))
                .toList();
        var environments = Arrays.stream(phases)
                .map(PhaseDefinition::environment)
                .filter(e -> e != null)
                .distinct()
                .map(e -> new EnvironmentDefinition(e, null))
                .toList();
        return new MigrationPlan(
                "test-plan",
                new SourceRepository("/src/mono.git", "main", null),
                definitions,
                environments,
                List.of(phases),
                "");
    }

    /** split -> build -> deploy-dev, pipelined, stop on failure, no retries. */
    static MigrationPlan splitBuildDeploy(String... services) {
        return plan(
                List.of(services),
                phase("split", Actions.SPLIT, null),
                phase("build", Actions.BUILD, null, "split"),
                phase("deploy-dev", Actions.DEPLOY, "dev", "build"));
    }

    static PhaseDefinition phase(String name, Action action, String environment, String... dependsOn) {
        return SamplePlan.phase(name, action, environment, List.of(dependsOn));
    }

    static PhaseDefinition withApproval(PhaseDefinition p) {
        return changed(p, true, p.barrier(), p.onFailure(), p.retry(), p.checklist());
    }

    static PhaseDefinition asBarrier(PhaseDefinition p) {
        return changed(p, p.approvalRequired(), true, p.onFailure(), p.retry(), p.checklist());
    }

    static PhaseDefinition continuingOnFailure(PhaseDefinition p) {
        return changed(p, p.approvalRequired(), p.barrier(), FailurePolicy.CONTINUE, p.retry(), p.checklist());
    }

    static PhaseDefinition retrying(PhaseDefinition p, int attempts, Duration backoff) {
        var retry = new RetryPolicy(attempts, backoff, 2, backoff.multipliedBy(10));
        return changed(p, p.approvalRequired(), p.barrier(), p.onFailure(), retry, p.checklist());
    }

    static PhaseDefinition withChecklist(PhaseDefinition p, String... items) {
        return changed(p, p.approvalRequired(), p.barrier(), p.onFailure(), p.retry(), List.of(items));
    }

    /** The phase with its policies replaced; name, action, environment, dependencies and services kept. */
    private static PhaseDefinition changed(
            PhaseDefinition p,
            boolean approvalRequired,
            boolean barrier,
            FailurePolicy onFailure,
            RetryPolicy retry,
            List<String> checklist) {
        return new PhaseDefinition(
                p.name(),
                p.action(),
                p.environment(),
                p.dependsOn(),
                approvalRequired,
                barrier,
                onFailure,
                retry,
                checklist,
                p.services(),
                p.rollout(),
                p.timeout(),
                p.settings());
    }

    /** A wait of the given length (as a plan writes it, e.g. 48h) after the given phases. */
    static PhaseDefinition waiting(String name, String duration, String... dependsOn) {
        PhaseDefinition p = phase(name, Actions.WAIT, null, dependsOn);
        return new PhaseDefinition(
                p.name(),
                p.action(),
                null,
                p.dependsOn(),
                false,
                false,
                p.onFailure(),
                p.retry(),
                List.of(),
                List.of(),
                Rollout.PARALLEL,
                p.timeout(),
                Map.of(Wait.DURATION, duration));
    }

    static PhaseDefinition sequential(PhaseDefinition p) {
        return new PhaseDefinition(
                p.name(),
                p.action(),
                p.environment(),
                p.dependsOn(),
                p.approvalRequired(),
                p.barrier(),
                p.onFailure(),
                p.retry(),
                p.checklist(),
                p.services(),
                Rollout.SEQUENTIAL,
                p.timeout(),
                p.settings());
    }

    static PhaseDefinition withTimeout(PhaseDefinition p, Duration timeout) {
        return new PhaseDefinition(
                p.name(),
                p.action(),
                p.environment(),
                p.dependsOn(),
                p.approvalRequired(),
                p.barrier(),
                p.onFailure(),
                p.retry(),
                p.checklist(),
                p.services(),
                p.rollout(),
                timeout,
                p.settings());
    }

    static PhaseDefinition forServices(PhaseDefinition p, String... services) {
        return new PhaseDefinition(
                p.name(),
                p.action(),
                p.environment(),
                p.dependsOn(),
                p.approvalRequired(),
                p.barrier(),
                p.onFailure(),
                p.retry(),
                p.checklist(),
                List.of(services),
                p.rollout(),
                p.timeout(),
                p.settings());
    }
}
